package donna.app.voice;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import donna.core.voice.AudioDevice;
import donna.core.voice.VoiceState;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Voice pane: the state, a large push-to-talk button (hold it with the mouse, or hold Space while the pane is
 * shown), the microphone meter, the live transcript, hands-free, devices, connect/disconnect, and why the global
 * hotkey does not work where it does not.
 */
public final class VoiceView extends BorderPane {
    private final VoiceViewModel vm;
    private final AnimationTimer meter;

    public VoiceView(VoiceViewModel vm) {
        this.vm = vm;
        setId("page-voice");
        getStyleClass().add("voice-view");
        setFocusTraversable(true);
        setTop(header());
        setCenter(center());
        setRight(settings());
        // Space talks while this pane is shown, wherever the focus is: the first time the pane is shown it joins the
        // scene after becoming visible, too late to take the focus, which stays on the navigation button just
        // clicked. So the filters sit on the scene, not on the pane.
        EventHandler<KeyEvent> space = e -> {
            if (e.getCode() == KeyCode.SPACE && spaceIsOurs()) {
                if (e.getEventType() == KeyEvent.KEY_PRESSED) {
                    vm.press();
                } else {
                    vm.release();
                }
                e.consume();
            }
        };
        sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, space);
                old.removeEventFilter(KeyEvent.KEY_RELEASED, space);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, space);
                scene.addEventFilter(KeyEvent.KEY_RELEASED, space);
            }
        });
        // The meter samples the microphone every frame while the pane is shown and connected, and only then: a
        // running AnimationTimer makes JavaFX render 60 frames a second, which an idle window should not.
        meter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.refreshLevel();
            }
        };
        visibleProperty().addListener((o, was, shown) -> {
            if (shown) {
                vm.refreshDevices();
                requestFocus();
            } else {
                vm.release(); // leaving the pane while holding ends the turn
            }
            runMeter();
        });
        vm.connectedProperty().addListener((o, was, now) -> runMeter());
    }

    private void runMeter() {
        if (isVisible() && vm.connectedProperty().get()) {
            meter.start();
        } else {
            meter.stop();
            vm.refreshLevel(); // back to zero
        }
    }

    /** The pane is shown and no control that types or toggles has the focus. */
    private boolean spaceIsOurs() {
        var owner = getScene() == null ? null : getScene().getFocusOwner();
        return isVisible() && !(owner instanceof ComboBox<?>) && !(owner instanceof ToggleSwitch)
                && !(owner instanceof TextInputControl);
    }

    private VBox header() {
        Label state = new Label();
        state.setId("voice-state");
        state.getStyleClass().add(Styles.TITLE_2);
        state.textProperty().bind(vm.stateTextProperty());
        vm.stateProperty().addListener((o, was, now) -> stateClass(state, now));
        stateClass(state, vm.stateProperty().get());
        Label detail = shownWhenSet("voice-detail", Styles.TEXT_MUTED, vm.detailProperty());
        Label notice = shownWhenSet("voice-notice", Styles.WARNING, vm.noticeProperty());
        Label hotkeyNote = shownWhenSet("hotkey-note", Styles.WARNING, vm.hotkeyNoteProperty());
        Label soundNote = shownWhenSet("sound-note", Styles.WARNING, vm.soundNoteProperty());
        Label path = shownWhenSet("voice-path", Styles.TEXT_MUTED, vm.pathProperty());
        Label followUp = shownWhenSet("voice-follow-up", Styles.ACCENT, vm.followUpTextProperty());
        VBox header = new VBox(4, state, followUp, detail, path, notice, hotkeyNote, soundNote);
        header.setPadding(new Insets(16, 16, 8, 16));
        return header;
    }

    /** A line that takes no room while {@code text} is empty. */
    private static Label shownWhenSet(String id, String style, ReadOnlyStringProperty text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add(style);
        label.textProperty().bind(text);
        label.visibleProperty().bind(text.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private VBox center() {
        Button talk = new Button("Hold to talk", new FontIcon(Feather.MIC));
        talk.setId("ptt");
        talk.getStyleClass().addAll("ptt", Styles.ACCENT);
        talk.setFocusTraversable(false); // Space belongs to push-to-talk, not to "click the focused button"
        talk.disableProperty().bind(vm.connectedProperty().not());
        talk.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                vm.press();
            }
        });
        talk.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                vm.release();
            }
        });
        vm.pressedProperty().addListener((o, was, held) -> talk.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("held"), held));

        ProgressBar level = new ProgressBar(0);
        level.setId("level");
        level.getStyleClass().add("level-meter");
        level.setMaxWidth(280);
        level.progressProperty().bind(vm.levelProperty());

        ListView<TranscriptLine> transcript = new ListView<>(vm.transcript());
        transcript.setId("voice-transcript");
        transcript.getStyleClass().add("voice-transcript");
        transcript.setFocusTraversable(false);
        transcript.setPlaceholder(new Label("What you and DONNA say appears here, and in your chat history."));
        transcript.setCellFactory(list -> new TranscriptCell());
        transcript.getItems().addListener((javafx.collections.ListChangeListener<TranscriptLine>) c ->
                transcript.scrollTo(transcript.getItems().size() - 1));
        VBox.setVgrow(transcript, Priority.ALWAYS);

        VBox center = new VBox(16, talk, level, toolSteps(), cards(), transcript);
        center.setAlignment(Pos.TOP_CENTER);
        center.setPadding(new Insets(8, 16, 16, 16));
        return center;
    }

    /** A compact row per tool step of the spoken turns ("Searching mail…"); takes no room while there is none. */
    private VBox toolSteps() {
        VBox rows = new VBox(2);
        rows.setId("voice-tool-steps");
        rows.getStyleClass().add("voice-tool-steps");
        rows.setMaxWidth(Double.MAX_VALUE);
        Runnable fill = () -> rows.getChildren().setAll(vm.toolSteps().stream().map(VoiceView::toolStepRow).toList());
        vm.toolSteps().addListener((javafx.collections.ListChangeListener<ToolStepLine>) c -> fill.run());
        fill.run();
        rows.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.toolSteps()));
        rows.managedProperty().bind(rows.visibleProperty());
        return rows;
    }

    /** The cards of the spoken turns (a draft to edit, a send waiting for a yes), as in the chat. */
    private VBox cards() {
        VBox cards = new VBox(8);
        cards.setId("voice-cards");
        cards.setMaxWidth(Double.MAX_VALUE);
        Runnable fill = () -> cards.getChildren().setAll(vm.cards().stream()
                .map(card -> donna.app.actions.ActionViews.card(card, cards.widthProperty())).toList());
        vm.cards().addListener((javafx.collections.ListChangeListener<Object>) c -> fill.run());
        fill.run();
        cards.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.cards()));
        cards.managedProperty().bind(cards.visibleProperty());
        return cards;
    }

    private static Label toolStepRow(ToolStepLine line) {
        Feather icon = switch (line.status()) {
            case RUNNING -> Feather.LOADER;
            case DONE -> Feather.CHECK;
            case FAILED -> Feather.ALERT_TRIANGLE;
        };
        Label row = new Label(line.text(), new FontIcon(icon));
        row.getStyleClass().addAll("tool-step", "tool-step-" + line.status().name().toLowerCase(Locale.ROOT),
                Styles.TEXT_SMALL);
        if (line.status() == donna.core.voice.ToolStep.Status.FAILED) {
            row.getStyleClass().add(Styles.WARNING);
        } else if (line.status() == donna.core.voice.ToolStep.Status.DONE) {
            row.getStyleClass().add(Styles.TEXT_MUTED);
        }
        row.setWrapText(true);
        return row;
    }

    private VBox settings() {
        Button connect = new Button();
        connect.setId("voice-connect");
        connect.textProperty().bind(javafx.beans.binding.Bindings.when(vm.connectedProperty().or(vm.busyProperty()))
                .then("Disconnect").otherwise("Connect"));
        connect.setMaxWidth(Double.MAX_VALUE);
        connect.setOnAction(e -> vm.toggleConnection());

        ToggleSwitch handsFree = new ToggleSwitch("Hands-free");
        handsFree.setId("hands-free");
        handsFree.selectedProperty().bindBidirectional(vm.handsFreeProperty());
        Label handsFreeHint = new Label("DONNA listens for you; no button needed.");
        handsFreeHint.setWrapText(true);
        handsFreeHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        // Labels above the pickers: beside them, in this narrow column, both were cut to "Microph..." and "System def...".
        VBox devices = new VBox(4, new Label("Microphone"), picker("input-device", vm.inputs(), vm.inputProperty()),
                new Label("Speaker"), picker("output-device", vm.outputs(), vm.outputProperty()));
        VBox.setMargin(devices.getChildren().get(2), new Insets(8, 0, 0, 0));

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label keys = new Label();
        keys.setId("voice-keys");
        keys.textProperty().bind(vm.keysHintProperty());
        keys.setWrapText(true);
        keys.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox side = new VBox(12, connect, handsFree, handsFreeHint, devices, spacer, keys);
        side.getStyleClass().add("voice-settings");
        side.setPadding(new Insets(16));
        side.setPrefWidth(260);
        return side;
    }

    private static ComboBox<AudioDevice> picker(String id, javafx.collections.ObservableList<AudioDevice> items,
            javafx.beans.property.ObjectProperty<AudioDevice> chosen) {
        ComboBox<AudioDevice> box = new ComboBox<>(items);
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(chosen);
        return box;
    }

    private static void stateClass(Label label, VoiceState state) {
        label.getStyleClass().removeIf(c -> c.startsWith("voice-state-"));
        label.getStyleClass().add("voice-state-" + state.name().toLowerCase(Locale.ROOT));
    }

    /** "You" or "DONNA", then the words; an interrupted answer is marked. */
    private static final class TranscriptCell extends ListCell<TranscriptLine> {
        @Override
        protected void updateItem(TranscriptLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("from-user", "from-donna");
            if (empty || line == null) {
                setText(null);
                return;
            }
            getStyleClass().add(line.fromUser() ? "from-user" : "from-donna");
            setWrapText(true);
            setText((line.fromUser() ? "You: " : "DONNA: ") + line.text() + (line.interrupted() ? " (interrupted)" : ""));
        }
    }
}
