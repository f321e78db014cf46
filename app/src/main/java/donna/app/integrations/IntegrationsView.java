package donna.app.integrations;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Integrations section of Settings: each webhook with what it hears and how its sending goes (Send test,
 * Delete), a form to add one (URL and events), and a new webhook's signing secret, shown once with Copy.
 */
public final class IntegrationsView extends VBox {
    private final IntegrationsViewModel vm;
    private final VBox list = new VBox(6);
    private final FlowPane events = new FlowPane(10, 6);

    public IntegrationsView(IntegrationsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("integrations-view");
        setSpacing(8);
        Label title = new Label("Integrations");
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label("Webhooks tell your other tools (a CRM, a sheet, Zapier) what happens in DONNA: a new "
                + "lead, a message taken, a chat turn. Each is a signed POST to an https address; workspaces.md in "
                + "the docs shows how to check the signature.");
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        intro.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("webhooks-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.disableProperty().bind(vm.busyProperty());
        refresh.setOnAction(e -> vm.refresh());
        HBox heading = new HBox(8, title, spacer, refresh);
        heading.setAlignment(Pos.CENTER_LEFT);

        list.setId("webhooks-list");
        Label empty = new Label("No webhooks yet.");
        empty.setId("webhooks-empty");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.visibleProperty().bind(Bindings.isEmpty(vm.rows()).and(vm.busyProperty().not()));
        empty.managedProperty().bind(empty.visibleProperty());

        vm.rows().addListener((ListChangeListener<WebhookRow>) c -> rebuild());
        vm.eventTypes().addListener((ListChangeListener<String>) c -> rebuildEvents());
        vm.chosenEvents().addListener((javafx.collections.SetChangeListener<String>) c -> {
            if (vm.chosenEvents().isEmpty()) {
                rebuildEvents(); // cleared after an add: the boxes follow
            }
        });
        rebuild();
        rebuildEvents();
        getChildren().addAll(heading, intro, list, empty, form(), secretBox(), message("webhooks-notice",
                vm.noticeProperty(), Styles.SUCCESS), message("webhooks-error", vm.errorProperty(), Styles.DANGER));
    }

    private VBox form() {
        TextField url = new TextField();
        url.setId("webhook-url");
        url.setPromptText("https://your-tool.example.com/hooks/donna");
        url.textProperty().bindBidirectional(vm.urlProperty());
        url.setOnAction(e -> vm.add());
        HBox.setHgrow(url, Priority.ALWAYS);
        Button add = new Button("Add webhook", new FontIcon(Feather.PLUS));
        add.setId("webhook-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.disableProperty().bind(vm.canAddProperty().not());
        add.setOnAction(e -> vm.add());
        HBox row = new HBox(8, url, add);
        row.setAlignment(Pos.CENTER_LEFT);
        events.setId("webhook-events");
        Label hint = new Label("Send these events:");
        hint.getStyleClass().add(Styles.TEXT_SMALL);
        VBox form = new VBox(6, row, hint, events);
        form.getStyleClass().add("webhook-form");
        return form;
    }

    private VBox secretBox() {
        Label what = new Label("Signing secret (shown this once: copy it into the receiving tool)");
        what.getStyleClass().add(Styles.TEXT_BOLD);
        TextField value = new TextField();
        value.setId("webhook-secret");
        value.setEditable(false);
        value.textProperty().bind(vm.secretProperty());
        HBox.setHgrow(value, Priority.ALWAYS);
        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.setId("webhook-secret-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(vm.secretProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button done = new Button("Done");
        done.setId("webhook-secret-done");
        done.setOnAction(e -> vm.secretCopied());
        HBox row = new HBox(8, value, copy, done);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, what, row);
        box.getStyleClass().add("webhook-secret-box");
        box.visibleProperty().bind(vm.secretProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Label message(String id, javafx.beans.value.ObservableStringValue text, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private void rebuild() {
        list.getChildren().setAll(vm.rows().stream().map(this::row).toList());
    }

    private void rebuildEvents() {
        events.getChildren().setAll(vm.eventTypes().stream().map(type -> {
            CheckBox box = new CheckBox(type);
            box.getStyleClass().add("webhook-event");
            box.setSelected(vm.chosenEvents().contains(type));
            box.selectedProperty().addListener((o, was, now) -> {
                if (now) {
                    vm.chosenEvents().add(type);
                } else {
                    vm.chosenEvents().remove(type);
                }
            });
            return box;
        }).toList());
    }

    private VBox row(WebhookRow row) {
        Label url = new Label(row.url());
        url.getStyleClass().addAll(Styles.TEXT_BOLD, "webhook-url-label");
        Label state = new Label(row.state());
        state.getStyleClass().addAll("webhook-state", row.webhook().enabled() ? Styles.SUCCESS : Styles.DANGER);
        state.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button test = new Button("Send test");
        test.getStyleClass().addAll("webhook-test", Styles.SMALL);
        test.disableProperty().bind(vm.busyProperty().or(Bindings.createBooleanBinding(
                () -> !row.webhook().enabled())));
        test.setOnAction(e -> vm.test(row));
        Button delete = new Button(null, new FontIcon(Feather.TRASH_2));
        delete.getStyleClass().addAll("webhook-delete", Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER);
        delete.disableProperty().bind(vm.busyProperty());
        delete.setOnAction(e -> vm.delete(row));
        HBox top = new HBox(8, url, state, spacer, test, delete);
        top.setAlignment(Pos.CENTER_LEFT);
        Label detail = new Label("Events: " + row.events() + "  ·  Last: " + row.lastDelivery());
        detail.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "webhook-detail");
        detail.setWrapText(true);
        VBox box = new VBox(2, top, detail);
        if (row.recentDeliveries().size() > 1) { // the last one is named above already
            Label recent = new Label("Recent deliveries:\n" + String.join("\n", row.recentDeliveries()));
            recent.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "webhook-recent");
            recent.setWrapText(true);
            box.getChildren().add(recent);
        }
        box.getStyleClass().add("webhook-row");
        return box;
    }
}
