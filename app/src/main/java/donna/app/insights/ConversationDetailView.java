package donna.app.insights;

import atlantafx.base.theme.Styles;
import donna.core.insights.Failure;
import donna.core.insights.Message;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One conversation: title, the score's breakdown, the failures (select one, then Acknowledge or Resolve) and the
 * messages in order, tool steps among them.
 */
final class ConversationDetailView extends VBox {

    ConversationDetailView(ConversationDetailViewModel vm, ZoneId zone) {
        setSpacing(6);
        setPadding(new Insets(0, 0, 0, 8));
        Label title = new Label();
        title.setId("insights-detail-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            var c = vm.conversationProperty().get();
            if (c == null) {
                return vm.loadingProperty().get() ? "Loading\u2026" : "Select a conversation to see it here.";
            }
            return InsightsText.title(c) + " \u00b7 " + InsightsText.source(c.source()) + " \u00b7 health "
                    + InsightsText.health(c.healthScore());
        }, vm.conversationProperty(), vm.loadingProperty()));

        ListView<String> breakdown = new ListView<>(vm.breakdown());
        breakdown.setId("insights-breakdown");
        breakdown.setPrefHeight(130);
        breakdown.getStyleClass().add(Styles.DENSE);
        breakdown.setPlaceholder(new Label(""));

        ListView<Failure> failures = new ListView<>(vm.failures());
        failures.setId("insights-failures");
        failures.setPrefHeight(90);
        failures.getStyleClass().add(Styles.DENSE);
        failures.setPlaceholder(new Label("No failures found."));
        failures.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Failure f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : InsightsText.kind(f.kind()) + " (" + f.severity() + ", "
                        + f.status() + ")" + (f.detail() == null ? "" : ": " + f.detail()));
            }
        });
        Button ack = new Button("Acknowledge");
        ack.setId("insights-ack");
        Button resolve = new Button("Resolve");
        resolve.setId("insights-resolve");
        var selected = failures.getSelectionModel().selectedItemProperty();
        ack.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.get() == null
                || !Failure.OPEN.equals(selected.get().status()), selected));
        resolve.disableProperty().bind(Bindings.createBooleanBinding(() -> selected.get() == null
                || Failure.RESOLVED.equals(selected.get().status()), selected));
        ack.setOnAction(e -> vm.acknowledge(selected.get()));
        resolve.setOnAction(e -> vm.resolve(selected.get()));
        HBox actions = new HBox(8, ack, resolve);
        actions.setAlignment(Pos.CENTER_LEFT);

        ListView<Message> messages = new ListView<>(vm.messages());
        messages.setId("insights-messages");
        messages.setPlaceholder(new Label(""));
        messages.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Message m, boolean empty) {
                super.updateItem(m, empty);
                getStyleClass().remove("insights-tool-step");
                if (empty || m == null) {
                    setText(null);
                    return;
                }
                setWrapText(true);
                setPrefWidth(0); // wrap to the list's width
                setText(messageLine(m, zone));
                if (m.isTool()) {
                    getStyleClass().add("insights-tool-step");
                }
            }
        });
        VBox.setVgrow(messages, Priority.ALWAYS);

        getChildren().addAll(title, Ui.errorWithRetry("insights-detail-error", vm.errorProperty(), vm::reload),
                Ui.note("insights-detail-note", vm.noteProperty()), sub("Score"), breakdown, sub("Failures"),
                failures, actions, sub("Messages"), messages);
    }

    static String messageLine(Message m, ZoneId zone) {
        String when = InsightsText.when(m.timestamp(), zone);
        if (m.isTool()) {
            String status = m.toolStatus();
            return "\u2699 Tool step" + (status == null ? "" : " (" + status + ")") + " \u00b7 " + when + "\n"
                    + m.content();
        }
        String who = switch (m.role() == null ? "" : m.role()) {
            case "user" -> "Person";
            case "assistant" -> "Assistant";
            case "system" -> "System";
            default -> m.role();
        };
        String latency = m.latencyMs() == null ? "" : String.format(java.util.Locale.ROOT, " \u00b7 %.1f s",
                m.latencyMs() / 1000.0);
        return who + " \u00b7 " + when + latency + "\n" + m.content();
    }

    private static Label sub(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }
}
