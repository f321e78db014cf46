package donna.app.today;

import atlantafx.base.theme.Styles;
import donna.core.leads.Lead;
import donna.core.today.TakenMessage;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Today pane: messages taken for the person (Done on each), then the follow-ups due. */
public final class TodayView extends ScrollPane {
    private final TodayViewModel vm;
    private final VBox messages = new VBox(8);
    private final VBox followUps = new VBox(4);

    public TodayView(TodayViewModel vm) {
        this.vm = vm;
        getStyleClass().add("today-view");
        setFitToWidth(true);

        Label title = new Label("Today");
        title.getStyleClass().add(Styles.TITLE_2);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("today-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.disableProperty().bind(vm.loadingProperty());
        refresh.setOnAction(e -> vm.refresh());
        HBox heading = new HBox(8, title, spacer, refresh);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("today-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        messages.setId("today-messages");
        followUps.setId("today-follow-ups");
        vm.messages().addListener((ListChangeListener<TakenMessage>) c -> fillMessages());
        vm.followUps().addListener((ListChangeListener<Lead>) c -> fillFollowUps());
        fillMessages();
        fillFollowUps();

        VBox page = new VBox(14, heading, error,
                section("Messages taken", "What callers and writers asked DONNA to pass on. Mark each done when "
                        + "you have dealt with it."),
                messages, empty("today-no-messages", "No messages waiting. When someone calls or writes and DONNA "
                        + "takes a message (\u201ctake a message from Bob: call him about the van\u201d), it "
                        + "shows here.", vm.messages()),
                section("Follow-ups due", "Leads whose next follow-up is today or earlier (Sales)."),
                followUps, empty("today-no-follow-ups", "No follow-ups due.", vm.followUps()));
        page.setPadding(new Insets(24));
        page.setMaxWidth(820);
        setContent(page);
    }

    private static VBox section(String name, String about) {
        Label title = new Label(name);
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label(about);
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        intro.setWrapText(true);
        return new VBox(2, title, intro);
    }

    private Label empty(String id, String text, javafx.collections.ObservableList<?> list) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        label.visibleProperty().bind(Bindings.isEmpty(list).and(vm.loadedProperty()));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private void fillMessages() {
        messages.getChildren().setAll(vm.messages().stream().map(this::message).toList());
    }

    private void fillFollowUps() {
        followUps.getChildren().setAll(vm.followUps().stream().map(lead -> {
            Label row = new Label(TodayViewModel.followUp(lead), new FontIcon(Feather.CALENDAR));
            row.getStyleClass().add("today-follow-up");
            row.setWrapText(true);
            return row;
        }).toList());
    }

    private VBox message(TakenMessage m) {
        Label who = new Label(vm.heading(m));
        who.getStyleClass().addAll(Styles.TEXT_BOLD, "today-message-heading");
        who.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button done = new Button("Done", new FontIcon(Feather.CHECK));
        done.getStyleClass().addAll("today-message-done", Styles.SMALL, Styles.SUCCESS);
        done.setOnAction(e -> vm.done(m));
        HBox top = new HBox(8, who, spacer, done);
        top.setAlignment(Pos.CENTER_LEFT);
        // The caller's words, as they said them: shown, never acted on.
        Label text = new Label(m.message());
        text.getStyleClass().add("today-message-text");
        text.setWrapText(true);
        VBox card = new VBox(4, top, text);
        card.getStyleClass().addAll("today-message", "card");
        card.setPadding(new Insets(10));
        return card;
    }
}
