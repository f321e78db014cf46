package donna.app.marketing;

import atlantafx.base.theme.Styles;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import donna.core.campaigns.Preview;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Marketing pane: campaigns with their progress; "New campaign" opens the form (CSV file or pasted addresses);
 * a campaign shows its refused rows, a per-recipient preview, Start (asked first), Pause / Resume / Cancel, and
 * each recipient's result. Every control is a button or field in tab order.
 */
public final class MarketingView extends ScrollPane {
    private final MarketingViewModel vm;
    private final VBox list = new VBox(6);
    private final VBox refusedRows = new VBox(2);
    private final VBox recipients = new VBox(2);
    private final Label detailTitle = new Label();
    private final Label detailProgress = new Label();
    private final Label statusNote = new Label();
    private final Label previewText = new Label();
    private final ComboBox<String> previewFor = new ComboBox<>();
    private final HBox moves = new HBox(8);

    public MarketingView(MarketingViewModel vm) {
        this.vm = vm;
        getStyleClass().add("marketing-view");
        setFitToWidth(true);

        Label title = new Label("Marketing");
        title.getStyleClass().add(Styles.TITLE_2);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button create = new Button("New campaign", new FontIcon(Feather.PLUS));
        create.setId("marketing-new");
        create.getStyleClass().add(Styles.ACCENT);
        create.setOnAction(e -> vm.newCampaign());
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("marketing-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setOnAction(e -> vm.refresh());
        HBox heading = new HBox(8, title, spacer, create, refresh);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label error = bound("marketing-error", Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        Label notice = bound("marketing-notice", Styles.SUCCESS);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());

        list.setId("marketing-campaigns");
        vm.campaigns().addListener((ListChangeListener<Campaign>) c -> fillList());
        Label none = new Label("No campaigns yet. Press New campaign, or ask DONNA (\u201cdraft a campaign to "
                + "these addresses\u201d): she makes drafts, and only you start them.");
        none.setId("marketing-none");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.visibleProperty().bind(Bindings.isEmpty(vm.campaigns()).and(vm.loadedProperty()));
        none.managedProperty().bind(none.visibleProperty());

        VBox page = new VBox(14, heading, error, notice, form(), detail(),
                section("Campaigns", "Newest first, with how far each has gone."), list, none);
        page.setPadding(new Insets(24));
        page.setMaxWidth(860);
        setContent(page);

        vm.selectedProperty().addListener((o, was, now) -> fillDetail(now));
        vm.refused().addListener((ListChangeListener<Draft.Refused>) c -> fillRefused());
        vm.previewProperty().addListener((o, was, now) -> fillPreview(now));
        fillList();
        fillDetail(vm.selectedProperty().get());

        // A running campaign's progress moves on its own (the service sends in the background): read it again
        // every few seconds while the pane is on screen (ShellView keeps a pane it left in the scene, hidden).
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(5), e -> {
            if (isVisible()) {
                vm.tick();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, was, scene) -> {
            if (scene == null) {
                poll.stop();
            } else {
                poll.play();
            }
        });
    }

    private VBox form() {
        TextField name = new TextField();
        name.setId("marketing-name");
        name.setPromptText("Name (for you: \u201cSpring news\u201d)");
        name.textProperty().bindBidirectional(vm.nameProperty());
        TextField subject = new TextField();
        subject.setId("marketing-subject");
        subject.setPromptText("Subject, e.g. News for {{first_name}}");
        subject.textProperty().bindBidirectional(vm.subjectProperty());
        TextArea body = new TextArea();
        body.setId("marketing-body");
        body.setPromptText("Hi {{first_name}},\n\n... ({{name}}, {{email}} and any CSV column are merge fields)");
        body.setPrefRowCount(6);
        body.setWrapText(true);
        body.textProperty().bindBidirectional(vm.bodyProperty());
        TextArea audience = new TextArea();
        audience.setId("marketing-audience");
        audience.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.changingProperty().get() == null
                ? "Addresses, one a line (Ann Lee <ann@example.com>), or a CSV file's text with a header row that "
                        + "has an email column"
                : "Leave empty to keep its " + vm.changingProperty().get().counts().total() + " recipients, or give "
                        + "a new audience (addresses or a CSV file's text)", vm.changingProperty()));
        audience.setPrefRowCount(5);
        audience.textProperty().bindBidirectional(vm.audienceProperty());
        Button csv = new Button("Read a CSV file\u2026", new FontIcon(Feather.FILE_TEXT));
        csv.setId("marketing-csv");
        csv.setOnAction(e -> readCsv());
        Button make = new Button("Create draft", new FontIcon(Feather.CHECK));
        make.textProperty().bind(Bindings.when(vm.changingProperty().isNull()).then("Create draft")
                .otherwise("Save changes"));
        make.setId("marketing-create");
        make.getStyleClass().add(Styles.ACCENT);
        make.disableProperty().bind(vm.busyProperty());
        make.setOnAction(e -> vm.create());
        make.setDefaultButton(false);
        Button close = new Button("Cancel");
        close.setId("marketing-form-cancel");
        close.setOnAction(e -> vm.cancelEditing());
        HBox buttons = new HBox(8, make, close);
        CheckBox personalise = new CheckBox("Personalise each mail: DONNA writes {{opening}}, one sentence per person "
                + "from their own fields (name, company, CSV columns); you see it in the preview before you start");
        personalise.setId("marketing-personalise");
        personalise.setWrapText(true);
        personalise.selectedProperty().bindBidirectional(vm.personaliseProperty());
        Label audienceLabel = new Label("Audience");
        HBox audienceHead = new HBox(8, audienceLabel, csv);
        audienceHead.setAlignment(Pos.CENTER_LEFT);
        VBox heading = section("New campaign", "Makes a draft: nothing is sent until you start it.");
        if (heading.getChildren().getFirst() instanceof Label title) {
            title.textProperty().bind(Bindings.when(vm.changingProperty().isNull()).then("New campaign")
                    .otherwise("Change the draft"));
        }
        VBox form = new VBox(8, heading, name, subject, body, personalise, audienceHead, audience, buttons);
        form.setId("marketing-form");
        form.getStyleClass().add("card");
        form.setPadding(new Insets(12));
        form.visibleProperty().bind(vm.editingProperty());
        form.managedProperty().bind(form.visibleProperty());
        // The form sits at the top: bring it into view (Change… is pressed far down a long draft) and start typing.
        vm.editingProperty().addListener((o, was, now) -> {
            if (now) {
                setVvalue(0);
                name.requestFocus();
            }
        });
        return form;
    }

    private VBox detail() {
        detailTitle.setId("marketing-detail-title");
        detailTitle.getStyleClass().add(Styles.TITLE_3);
        detailTitle.setWrapText(true);
        detailProgress.setId("marketing-progress");
        detailProgress.setWrapText(true);
        statusNote.setId("marketing-status-note");
        statusNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        statusNote.setWrapText(true);
        statusNote.managedProperty().bind(statusNote.visibleProperty());
        refusedRows.setId("marketing-refused");
        Label refusedTitle = new Label("Refused rows (not mailed)");
        refusedTitle.getStyleClass().add(Styles.TITLE_4);
        VBox refusedBox = new VBox(4, refusedTitle, refusedRows);
        refusedBox.visibleProperty().bind(Bindings.isNotEmpty(vm.refused()));
        refusedBox.managedProperty().bind(refusedBox.visibleProperty());

        previewFor.setId("marketing-preview-for");
        previewFor.setPromptText("Preview for\u2026");
        previewFor.setOnAction(e -> {
            if (previewFor.getValue() != null) {
                vm.preview(previewFor.getValue());
            }
        });
        Label previewTitle = new Label("Preview");
        previewTitle.getStyleClass().add(Styles.TITLE_4);
        HBox previewHead = new HBox(8, previewTitle, previewFor);
        previewHead.setAlignment(Pos.CENTER_LEFT);
        previewText.setId("marketing-preview");
        previewText.setWrapText(true);
        previewText.getStyleClass().add("marketing-preview");
        previewText.setPadding(new Insets(8));
        previewText.setStyle("-fx-border-color: -color-border-default; -fx-border-radius: 4;");
        previewText.setMaxWidth(Double.MAX_VALUE);

        Label confirm = new Label();
        confirm.setId("marketing-confirm-question");
        confirm.setWrapText(true);
        confirm.textProperty().bind(Bindings.createStringBinding(vm::startQuestion, vm.selectedProperty(),
                vm.confirmingStartProperty()));
        Button yes = new Button("Send", new FontIcon(Feather.SEND));
        yes.setId("marketing-confirm-start");
        yes.getStyleClass().add(Styles.DANGER);
        yes.setOnAction(e -> vm.confirmStart());
        Button no = new Button("Not now");
        no.setId("marketing-decline-start");
        no.setOnAction(e -> vm.declineStart());
        VBox confirmBox = new VBox(6, confirm, new HBox(8, yes, no));
        confirmBox.getStyleClass().add("card");
        confirmBox.setPadding(new Insets(10));
        confirmBox.visibleProperty().bind(vm.confirmingStartProperty());
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());

        recipients.setId("marketing-recipients");
        Label resultsTitle = new Label("Recipients");
        resultsTitle.getStyleClass().add(Styles.TITLE_4);

        VBox detail = new VBox(8, detailTitle, detailProgress, statusNote, moves, confirmBox, refusedBox, previewHead,
                previewText, resultsTitle, recipients);
        detail.setId("marketing-detail");
        detail.getStyleClass().add("card");
        detail.setPadding(new Insets(12));
        detail.visibleProperty().bind(vm.selectedProperty().isNotNull().and(vm.editingProperty().not()));
        detail.managedProperty().bind(detail.visibleProperty());
        return detail;
    }

    private void readCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Read the audience from a CSV file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            vm.audienceProperty().set(Files.readString(file.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            vm.audienceProperty().set("");
        }
    }

    private void fillList() {
        list.getChildren().setAll(vm.campaigns().stream().map(this::row).toList());
    }

    private Node row(Campaign c) {
        Label name = new Label(c.name());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label progress = new Label(MarketingViewModel.progress(c));
        progress.getStyleClass().addAll(Styles.TEXT_SMALL, "marketing-row-progress");
        progress.setWrapText(true);
        Button open = new Button(null, new VBox(2, name, progress));
        open.getStyleClass().addAll("marketing-row", Styles.FLAT);
        open.setMaxWidth(Double.MAX_VALUE);
        open.setAlignment(Pos.CENTER_LEFT);
        open.setOnAction(e -> vm.select(c));
        return open;
    }

    private void fillDetail(Campaign c) {
        if (c == null) {
            return;
        }
        detailTitle.setText(c.name() + " \u2014 \u201c" + c.subject() + "\u201d");
        detailProgress.setText(MarketingViewModel.progress(c));
        statusNote.setText(MarketingViewModel.statusNote(c));
        statusNote.setVisible(!statusNote.getText().isEmpty());
        moves.getChildren().clear();
        switch (c.status() == null ? "" : c.status()) {
            case "draft" -> moves.getChildren().addAll(
                    button("marketing-start", "Start\u2026", Feather.SEND, Styles.ACCENT, vm::askStart),
                    button("marketing-change", "Change\u2026", Feather.EDIT_2, null, vm::changeDraft),
                    button("marketing-cancel", "Cancel campaign", Feather.X_CIRCLE, null, vm::cancel),
                    button("marketing-delete", "Delete draft", Feather.TRASH_2, null, vm::delete));
            case "running" -> moves.getChildren().addAll(
                    button("marketing-pause", "Pause", Feather.PAUSE, null, vm::pause),
                    button("marketing-cancel", "Cancel campaign", Feather.X_CIRCLE, null, vm::cancel),
                    button("marketing-replies", "Check replies", Feather.INBOX, null, vm::refreshReplies));
            case "paused" -> moves.getChildren().addAll(
                    button("marketing-resume", "Resume", Feather.PLAY, Styles.ACCENT, vm::resume),
                    button("marketing-cancel", "Cancel campaign", Feather.X_CIRCLE, null, vm::cancel),
                    button("marketing-replies", "Check replies", Feather.INBOX, null, vm::refreshReplies));
            default -> moves.getChildren().add(
                    button("marketing-replies", "Check replies", Feather.INBOX, null, vm::refreshReplies));
        }
        recipients.getChildren().setAll(c.recipients().stream().map(r -> {
            Label line = new Label(MarketingViewModel.recipientLine(r));
            line.getStyleClass().add("marketing-recipient");
            if ("failed".equals(r.status())) {
                line.getStyleClass().add(Styles.DANGER);
            }
            line.setWrapText(true);
            return line;
        }).toList());
        var emails = c.recipients().stream().map(Campaign.Recipient::email).toList();
        if (!previewFor.getItems().equals(emails)) {
            previewFor.getItems().setAll(emails);
        }
    }

    private void fillRefused() {
        refusedRows.getChildren().setAll(vm.refused().stream().map(r -> {
            Label line = new Label(MarketingViewModel.refusedLine(r), new FontIcon(Feather.ALERT_TRIANGLE));
            line.getStyleClass().addAll("marketing-refused-row", Styles.WARNING);
            line.setWrapText(true);
            return line;
        }).toList());
    }

    private void fillPreview(Preview p) {
        previewText.setText(p == null ? "" : "To: " + p.email() + "\nSubject: " + p.subject() + "\n\n" + p.body());
        // The chooser names whose preview this is (a changed draft shows its first recipient's again).
        if (p != null && p.email() != null && !p.email().equals(previewFor.getValue())) {
            previewFor.setValue(p.email());
        }
    }

    private Button button(String id, String text, Feather icon, String style, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        if (style != null) {
            b.getStyleClass().add(style);
        }
        b.disableProperty().bind(vm.busyProperty());
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label bound(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static VBox section(String name, String about) {
        Label title = new Label(name);
        title.getStyleClass().add(Styles.TITLE_4);
        Label intro = new Label(about);
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        intro.setWrapText(true);
        return new VBox(2, title, intro);
    }
}
