package donna.app.insights;

import atlantafx.base.theme.Styles;
import donna.core.insights.ApiKey;
import donna.core.insights.NewApiKey;
import java.time.ZoneId;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Settings tab: alerts (threshold, kinds, Slack webhook with a test alert) and API keys. */
final class InsightsSettingsView extends ScrollPane {

    InsightsSettingsView(InsightsSettingsViewModel vm, ZoneId zone) {
        setFitToWidth(true);
        VBox box = new VBox(10);
        box.setPadding(new Insets(12, 4, 12, 0));

        TextField below = new TextField();
        below.setId("insights-alert-below");
        below.setPrefColumnCount(4);
        below.setPromptText("off");
        below.textProperty().bindBidirectional(vm.healthBelowProperty());
        HBox threshold = new HBox(8, Ui.label("Alert when a conversation's health is below", below), below,
                muted("(0-100; empty: no health alerts)"));
        threshold.setAlignment(Pos.CENTER_LEFT);
        FlowPane kinds = new FlowPane(12, 6);
        vm.kinds().forEach((kind, on) -> {
            CheckBox c = new CheckBox(InsightsText.kind(kind));
            c.setId("insights-kind-" + kind);
            c.selectedProperty().bindBidirectional(on);
            kinds.getChildren().add(c);
        });

        TextField webhook = new TextField();
        webhook.setId("insights-webhook");
        webhook.setPromptText("https://hooks.slack.com/services/\u2026 (empty keeps the saved one)");
        webhook.textProperty().bindBidirectional(vm.webhookUrlProperty());
        HBox.setHgrow(webhook, Priority.ALWAYS);
        CheckBox remove = new CheckBox("Remove the saved webhook");
        remove.setId("insights-webhook-remove");
        remove.selectedProperty().bindBidirectional(vm.removeWebhookProperty());
        remove.disableProperty().bind(vm.webhookConfiguredProperty().not());
        Label saved = new Label();
        saved.setId("insights-webhook-saved");
        saved.getStyleClass().add(Styles.TEXT_MUTED);
        saved.textProperty().bind(vm.webhookSavedProperty());
        Button save = new Button("Save");
        save.setId("insights-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(vm.busyProperty());
        save.setOnAction(e -> vm.save());
        Button test = new Button("Send test alert");
        test.setId("insights-test-alert");
        test.disableProperty().bind(vm.busyProperty().or(vm.webhookConfiguredProperty().not()));
        test.setOnAction(e -> vm.sendTestAlert());
        HBox saveRow = new HBox(8, save, test);

        Label status = Ui.note("insights-settings-status", vm.statusProperty());
        status.getStyleClass().remove(Styles.TEXT_MUTED);
        status.getStyleClass().add(Styles.SUCCESS);

        TextField keyName = new TextField();
        keyName.setId("insights-key-name");
        keyName.setPromptText("Name, e.g. support bot (Enter)");
        keyName.textProperty().bindBidirectional(vm.newKeyNameProperty());
        keyName.setOnAction(e -> vm.createKey());
        HBox.setHgrow(keyName, Priority.ALWAYS);
        Button create = new Button("Create key");
        create.setId("insights-key-create");
        create.disableProperty().bind(vm.busyProperty());
        create.setOnAction(e -> vm.createKey());
        ListView<ApiKey> keys = new ListView<>(vm.keys());
        keys.setId("insights-keys");
        keys.setPrefHeight(120);
        keys.setPlaceholder(new Label("No API keys. Create one for each app that sends conversations."));
        keys.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ApiKey k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? null : k.name() + " \u00b7 " + k.prefix() + "_\u2026 \u00b7 created "
                        + InsightsText.when(k.createdAt(), zone) + " \u00b7 " + (k.lastUsedAt() == null ? "never used"
                        : "last used " + InsightsText.when(k.lastUsedAt(), zone)));
            }
        });
        Button revoke = new Button("Revoke\u2026");
        revoke.setId("insights-key-revoke");
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty().bind(keys.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.busyProperty()));
        revoke.setOnAction(e -> confirmRevoke(vm, keys.getSelectionModel().getSelectedItem()));
        vm.createdProperty().addListener((o, was, key) -> {
            if (key != null) {
                showSecret(vm, key);
            }
        });

        CheckBox judge = new CheckBox("Also let an AI model judge each conversation once it has ended");
        judge.setId("insights-llm-judge");
        judge.selectedProperty().bindBidirectional(vm.llmJudgeProperty());
        Label judgeNote = muted("Sends the conversation's text to OpenAI; its score is averaged with DONNA's own "
                + "checks, which always run. Saved with Save.");
        judgeNote.setWrapText(true);

        HBox webhookRow = new HBox(8, Ui.label("Webhook URL", webhook), webhook);
        webhookRow.setAlignment(Pos.CENTER_LEFT);
        HBox savedRow = new HBox(12, saved, remove);
        savedRow.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().addAll(Ui.errorWithRetry("insights-settings-error", vm.errorProperty(), vm::refresh),
                status, heading("Scoring"), judge, judgeNote, heading("Alerts"), threshold, muted("Alert on a new failure of these kinds:"), kinds,
                heading("Slack"), webhookRow, savedRow,
                saveRow, heading("API keys"), muted("Outside apps send conversations to POST /api/v1/conversations/"
                        + "track with a key (docs/insights.md)."), new HBox(8, keyName, create), keys, revoke);
        setContent(box);
    }

    private static void confirmRevoke(InsightsSettingsViewModel vm, ApiKey key) {
        if (key == null) {
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Apps sending with \u201c" + key.name() + "\u201d ("
                + key.prefix() + ") are refused from now on. This cannot be undone.", ButtonType.CANCEL,
                new ButtonType("Revoke", javafx.scene.control.ButtonBar.ButtonData.OK_DONE));
        ask.setTitle("Revoke API key");
        ask.setHeaderText("Revoke the key \u201c" + key.name() + "\u201d?");
        ask.getDialogPane().setId("insights-revoke-dialog");
        ask.setOnHidden(e -> {
            if (ask.getResult() != null && ask.getResult().getButtonData()
                    == javafx.scene.control.ButtonBar.ButtonData.OK_DONE) {
                vm.revoke(key);
            }
        });
        ask.show();
    }

    /** The secret, this once: select-all text to copy, a Copy button, and it is gone when the dialog closes. */
    private static void showSecret(InsightsSettingsViewModel vm, NewApiKey key) {
        TextField secret = new TextField(key.secret());
        secret.setId("insights-secret");
        secret.setEditable(false);
        secret.setPrefColumnCount(48);
        Button copy = new Button("Copy");
        copy.setId("insights-secret-copy");
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(key.secret());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        Label warn = new Label("Copy it now: DONNA does not keep it and cannot show it again.");
        warn.setWrapText(true);
        Alert dialog = new Alert(Alert.AlertType.INFORMATION);
        dialog.setTitle("New API key");
        dialog.setHeaderText("The key \u201c" + key.key().name() + "\u201d");
        dialog.getDialogPane().setId("insights-secret-dialog");
        dialog.getDialogPane().setContent(new VBox(8, warn, new HBox(8, secret, copy)));
        dialog.setOnHidden(e -> vm.secretShown());
        dialog.show();
        secret.requestFocus();
        secret.selectAll();
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }
}
