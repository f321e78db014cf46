package donna.app.today;

import atlantafx.base.theme.Styles;
import donna.core.leads.Lead;
import donna.core.mail.AutopilotDraft;
import donna.core.today.SentFollowUp;
import donna.core.today.TakenMessage;
import donna.core.today.TriagedMail;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Today pane: unread mail sorted by the model (by bucket, each with its reason; a mail opens in Mail), the
 * review queue, sent mail with no reply, messages taken, and the leads due. Every action is a button, so Tab and
 * Space/Enter reach all of it.
 */
public final class TodayView extends ScrollPane {
    private final TodayViewModel vm;
    private final VBox triage = new VBox(10);
    private final VBox review = new VBox(8);
    private final VBox followUps = new VBox(6);
    private final VBox messages = new VBox(8);
    private final VBox leadFollowUps = new VBox(4);

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
        refresh.setAccessibleText("Read today again");
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

        triage.setId("today-triage");
        review.setId("today-review");
        followUps.setId("today-follow-ups");
        messages.setId("today-messages");
        leadFollowUps.setId("today-lead-follow-ups");
        vm.triage().addListener((ListChangeListener<TriagedMail>) c -> fillTriage());
        vm.reviewQueue().addListener((ListChangeListener<AutopilotDraft>) c -> fillReview());
        vm.followUps().addListener((ListChangeListener<SentFollowUp>) c -> fillFollowUps());
        vm.messages().addListener((ListChangeListener<TakenMessage>) c -> fillMessages());
        vm.leadFollowUps().addListener((ListChangeListener<Lead>) c -> fillLeadFollowUps());
        fillTriage();
        fillReview();
        fillFollowUps();
        fillMessages();
        fillLeadFollowUps();

        VBox page = new VBox(14, heading, error,
                section("Unread mail", "Sorted by DONNA into what needs a reply, what waits on someone else, what "
                        + "is for your information and what can wait, with why. Open one to read it in Mail."),
                triageProgress(), triage,
                section("Review queue", "Replies autopilot drafted. Nothing goes out until you approve it."),
                review, empty("today-no-review", "Nothing waiting for review. When autopilot drafts replies (Mail, "
                        + "Autopilot), they wait here for your yes.", vm.reviewQueue()),
                section("Follow-ups", "Mail you sent that has had no reply. \u201cDraft a follow-up\u201d opens "
                        + "DONNA's draft in the composer; you send it."),
                followUpSetting(), followUps, followUpsError(), noFollowUps(),
                section("Messages taken", "What callers and writers asked DONNA to pass on. Mark each done when "
                        + "you have dealt with it."),
                messages, empty("today-no-messages", "No messages waiting. When someone calls or writes and DONNA "
                        + "takes a message (\u201ctake a message from Bob: call him about the van\u201d), it "
                        + "shows here.", vm.messages()),
                section("Leads due", "Leads whose next follow-up is today or earlier (Sales)."),
                leadFollowUps, empty("today-no-lead-follow-ups", "No lead follow-ups due.", vm.leadFollowUps()));
        page.setPadding(new Insets(24));
        page.setMaxWidth(860);
        setContent(page);
    }

    private static VBox section(String name, String about) {
        Label title = new Label(name);
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label(about);
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        intro.setWrapText(true);
        VBox box = new VBox(2, title, intro);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    /** Said instead of "no sent mail is waiting" when nobody could look: the empty list then means "not known". */
    private Label followUpsError() {
        Label label = new Label();
        label.setId("today-follow-ups-error");
        label.getStyleClass().add(Styles.DANGER);
        label.setWrapText(true);
        label.textProperty().bind(vm.followUpsErrorProperty());
        label.visibleProperty().bind(vm.followUpsErrorProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private Label noFollowUps() {
        Label label = empty("today-no-follow-ups", "No sent mail is waiting for a reply.", vm.followUps());
        label.visibleProperty().unbind();
        label.visibleProperty().bind(Bindings.isEmpty(vm.followUps()).and(vm.loadedProperty())
                .and(vm.followUpsErrorProperty().isEmpty()));
        return label;
    }

    private Label empty(String id, String text, ObservableList<?> list) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        label.visibleProperty().bind(Bindings.isEmpty(list).and(vm.loadedProperty()));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A spinner and "DONNA is sorting … 2 of 5 done" while triage runs; otherwise the note alone, if any. */
    private HBox triageProgress() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.sortingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label note = new Label();
        note.setId("today-triage-note");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(vm.triageNoteProperty());
        HBox row = new HBox(8, spinner, note);
        row.setId("today-triage-progress");
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(vm.triageNoteProperty().isNotEmpty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private HBox followUpSetting() {
        Spinner<Integer> days = new Spinner<>(1, 60, vm.followUpDaysProperty().get());
        days.setId("today-follow-up-days");
        days.setEditable(true);
        days.setPrefWidth(80);
        days.setAccessibleText("Days without a reply before a sent mail is a follow-up");
        vm.followUpDaysProperty().addListener((o, was, now) -> days.getValueFactory().setValue(now.intValue()));
        days.valueProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.followUpDaysProperty().get()) {
                vm.saveFollowUpDays(now);
            }
        });
        Label before = new Label("No reply after");
        Label after = new Label("days");
        HBox row = new HBox(8, before, days, after);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void fillTriage() {
        List<Node> groups = new java.util.ArrayList<>();
        for (Map.Entry<String, String> bucket : TodayViewModel.BUCKETS.entrySet()) {
            List<TriagedMail> mails = vm.inBucket(bucket.getKey());
            if (mails.isEmpty()) {
                continue;
            }
            Label name = new Label(bucket.getValue() + " (" + mails.size() + ")");
            name.getStyleClass().addAll(Styles.TEXT_BOLD, "today-bucket-title");
            VBox group = new VBox(4, name);
            group.setId("today-bucket-" + (bucket.getKey() == null ? "unsorted" : bucket.getKey()));
            group.getStyleClass().add("today-bucket");
            mails.forEach(m -> group.getChildren().add(triaged(m)));
            groups.add(group);
        }
        triage.getChildren().setAll(groups);
    }

    private VBox triaged(TriagedMail m) {
        Button open = new Button(TodayViewModel.mailLine(m), new FontIcon(Feather.MAIL));
        open.getStyleClass().addAll(Styles.FLAT, "today-triage-mail");
        open.setContentDisplay(ContentDisplay.LEFT);
        open.setMnemonicParsing(false);
        open.setAccessibleText("Open " + TodayViewModel.mailLine(m) + ". " + m.reason());
        open.setOnAction(e -> vm.open(m.messageId()));
        // The model's words about a mail: shown, never acted on.
        Label reason = new Label(m.reason());
        reason.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "today-triage-reason");
        reason.setWrapText(true);
        reason.setPadding(new Insets(0, 0, 0, 34));
        VBox row = new VBox(0, open, reason);
        row.getStyleClass().add("today-triage-row");
        return row;
    }

    private void fillReview() {
        review.getChildren().setAll(vm.reviewQueue().stream().map(this::draft).toList());
    }

    private VBox draft(AutopilotDraft d) {
        Label line = new Label(TodayViewModel.draftLine(d));
        line.getStyleClass().addAll(Styles.TEXT_BOLD, "today-draft-heading");
        line.setWrapText(true);
        Label body = new Label(d.body());
        body.getStyleClass().add("today-draft-body");
        body.setWrapText(true);
        Button open = new Button("Open the mail", new FontIcon(Feather.MAIL));
        open.getStyleClass().addAll("today-draft-open", Styles.SMALL);
        open.setOnAction(e -> vm.open(d.messageId()));
        Button approve = new Button("Approve and send", new FontIcon(Feather.SEND));
        approve.getStyleClass().addAll("today-draft-approve", Styles.SMALL, Styles.SUCCESS);
        approve.setOnAction(e -> vm.approve(d));
        Button discard = new Button("Discard", new FontIcon(Feather.TRASH_2));
        discard.getStyleClass().addAll("today-draft-discard", Styles.SMALL, Styles.FLAT, Styles.DANGER);
        discard.setOnAction(e -> vm.discard(d));
        HBox actions = new HBox(8, open, approve, discard);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(6, line, body, actions);
        card.getStyleClass().addAll("today-draft", "card");
        card.setPadding(new Insets(10));
        return card;
    }

    private void fillFollowUps() {
        followUps.getChildren().setAll(vm.followUps().stream().map(f -> {
            Label line = new Label(vm.followUpLine(f), new FontIcon(Feather.CORNER_UP_RIGHT));
            line.getStyleClass().add("today-follow-up");
            line.setWrapText(true);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Button draft = new Button("Draft a follow-up", new FontIcon(Feather.EDIT_3));
            draft.getStyleClass().addAll("today-follow-up-draft", Styles.SMALL);
            draft.setOnAction(e -> vm.draftFollowUp(f));
            HBox row = new HBox(8, line, gap, draft);
            row.setAlignment(Pos.CENTER_LEFT);
            return row;
        }).toList());
    }

    private void fillMessages() {
        messages.getChildren().setAll(vm.messages().stream().map(this::message).toList());
    }

    private void fillLeadFollowUps() {
        leadFollowUps.getChildren().setAll(vm.leadFollowUps().stream().map(lead -> {
            Label row = new Label(TodayViewModel.followUp(lead), new FontIcon(Feather.CALENDAR));
            row.getStyleClass().add("today-lead-follow-up");
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
