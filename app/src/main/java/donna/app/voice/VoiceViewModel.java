package donna.app.voice;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.audio.hotkey.HotkeyStatus;
import donna.core.voice.AudioDevice;
import donna.app.actions.CardItem;
import donna.core.tools.TurnAction;
import donna.core.voice.ToolAction;
import donna.core.voice.ToolStep;
import donna.core.voice.VoiceDevices;
import donna.core.voice.FollowUpWindow;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Voice pane: connect/disconnect, push-to-talk (the big button, Space, the global hotkey), hands-free, the state
 * in words, the microphone level, the live transcript, the device pickers, and whether the global hotkey works. The
 * session reports on its own thread; everything here changes on the UI thread ({@code ui}), and device I/O goes
 * through the {@link TaskExecutor}.
 */
public final class VoiceViewModel implements AutoCloseable {
    private static final String SPACE_HINT = "Hold Space (or the button) to talk; talk over DONNA to interrupt her.";
    /** The pane keeps this many recent tool steps (a compact record of what DONNA just did). */
    static final int TOOL_STEPS_SHOWN = 6;

    private final VoiceSession session;
    private final VoiceDevices devices;
    private final TaskExecutor tasks;
    private final Executor ui;

    private final ReadOnlyObjectWrapper<VoiceState> state = new ReadOnlyObjectWrapper<>(VoiceState.IDLE);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hotkeyNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper soundNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper path = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper keysHint = new ReadOnlyStringWrapper(SPACE_HINT);
    private final ReadOnlyDoubleWrapper level = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper pressed = new ReadOnlyBooleanWrapper();
    private final BooleanProperty handsFree = new SimpleBooleanProperty();
    private final BooleanProperty followUp = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper followUpText = new ReadOnlyStringWrapper("");
    private final ObservableList<TranscriptLine> transcript = FXCollections.observableArrayList();
    static final int CARDS_SHOWN = 3;
    private final ObservableList<ToolStepLine> toolSteps = FXCollections.observableArrayList();
    private final ObservableList<ToolAction> actions = FXCollections.observableArrayList();
    /** The cards of the spoken turns (drafts, sends waiting for a yes), newest last; the same cards as in chat. */
    private final ObservableList<CardItem> cards = FXCollections.observableArrayList();
    private Function<List<TurnAction>, List<CardItem>> cardsFor = turn -> List.of();
    private final ObservableList<AudioDevice> inputs = FXCollections.observableArrayList();
    private final ObservableList<AudioDevice> outputs = FXCollections.observableArrayList();
    // Read-only views kept once: a wrapper made per call listens weakly, so a view's listener on it can be collected.
    private final ObservableList<TranscriptLine> transcriptView = FXCollections.unmodifiableObservableList(transcript);
    private final ObservableList<ToolStepLine> toolStepsView = FXCollections.unmodifiableObservableList(toolSteps);
    private final ObservableList<ToolAction> actionsView = FXCollections.unmodifiableObservableList(actions);
    private final ObservableList<CardItem> cardsView = FXCollections.unmodifiableObservableList(cards);
    private final ObservableList<AudioDevice> inputsView = FXCollections.unmodifiableObservableList(inputs);
    private final ObservableList<AudioDevice> outputsView = FXCollections.unmodifiableObservableList(outputs);
    private final ObjectProperty<AudioDevice> input = new SimpleObjectProperty<>();
    private final ObjectProperty<AudioDevice> output = new SimpleObjectProperty<>();
    private Consumer<String> onChatCreated = id -> { };
    /** True while device lists are being filled in, so the selections made there are not sent back. */
    private boolean loadingDevices;

    public VoiceViewModel(VoiceSessions sessions, VoiceDevices devices, TaskExecutor tasks, Executor ui) {
        this.devices = devices;
        this.tasks = tasks;
        this.ui = ui;
        this.session = sessions.create(new Relay());
        stateText.set(describe(VoiceState.IDLE));
        handsFree.addListener((o, was, on) -> {
            session.setHandsFree(on);
            stateText.set(describe(state.get()));
        });
        followUp.addListener((o, was, on) -> session.setFollowUp(on));
        input.addListener((o, was, device) -> choose(device, devices::useInput));
        output.addListener((o, was, device) -> choose(device, devices::useOutput));
    }

    // ---- what the pane shows

    public ReadOnlyObjectProperty<VoiceState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The state in a few words ("Listening…"). */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** Why it failed, or what a reconnect is about; empty otherwise. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** A passing hint ("hold the button while you speak"); empty when there is none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /**
     * Why the global hotkey does not work and what to use instead; empty while it works. Unlike {@link #notice} it
     * stays: connecting or talking does not make the hotkey work.
     */
    public ReadOnlyStringProperty hotkeyNoteProperty() {
        return hotkeyNote.getReadOnlyProperty();
    }

    /** Why there is no sound device (the microphone is silent, DONNA cannot be heard); empty when there is one. */
    /** Which way the voice travels and why ("Using the relay: WebRTC and ... failed."); empty before a connection. */
    public ReadOnlyStringProperty pathProperty() {
        return path.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty soundNoteProperty() {
        return soundNote.getReadOnlyProperty();
    }

    /** Which keys talk: Space and the button, and the global hotkey when it works. */
    public ReadOnlyStringProperty keysHintProperty() {
        return keysHint.getReadOnlyProperty();
    }

    /** The microphone level, 0..1, refreshed by {@link #refreshLevel()}. */
    public ReadOnlyDoubleProperty levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** Connecting or reconnecting: the connect button waits. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Push-to-talk is held. */
    public ReadOnlyBooleanProperty pressedProperty() {
        return pressed.getReadOnlyProperty();
    }

    public BooleanProperty handsFreeProperty() {
        return handsFree;
    }

    /** The follow-up window option (Settings): after DONNA's spoken question, listen a few seconds without the key. */
    public BooleanProperty followUpProperty() {
        return followUp;
    }

    /** The countdown while the follow-up window is open ("Listening for your answer… 4 s"); empty otherwise. */
    public ReadOnlyStringProperty followUpTextProperty() {
        return followUpText.getReadOnlyProperty();
    }

    /** The countdown line for {@code window}; empty when it is closed. */
    static String followUpText(FollowUpWindow window) {
        return window.open() ? "Listening for your answer… " + window.secondsLeft() + " s" : "";
    }

    /** The window is in front (true) or in the background: the follow-up window never listens in the background. */
    public void setForeground(boolean inFront) {
        session.setForeground(inFront);
    }

    public ObservableList<TranscriptLine> transcript() {
        return transcriptView;
    }

    /** What DONNA's tools are doing or just did in spoken turns, oldest first; a step's row updates in place. */
    public ObservableList<ToolStepLine> toolSteps() {
        return toolStepsView;
    }

    /**
     * What the tools of spoken turns produced for the person (drafts, sends waiting for a yes), oldest first: the
     * cards under the transcript show them.
     */
    /** The cards spoken turns produced, newest last (at most {@value #CARDS_SHOWN}). */
    public ObservableList<CardItem> cards() {
        return cardsView;
    }

    /**
     * Where a spoken turn's actions become cards: the app's {@code ActionCards}, shared with the chat, so a draft
     * said aloud is the same card (and a confirmed send the same outbox entry) wherever it shows.
     */
    public void showCardsWith(Function<List<TurnAction>, List<CardItem>> cardsFor) {
        this.cardsFor = Objects.requireNonNull(cardsFor);
    }

    public ObservableList<ToolAction> actions() {
        return actionsView;
    }

    public ObservableList<AudioDevice> inputs() {
        return inputsView;
    }

    public ObservableList<AudioDevice> outputs() {
        return outputsView;
    }

    public ObjectProperty<AudioDevice> inputProperty() {
        return input;
    }

    public ObjectProperty<AudioDevice> outputProperty() {
        return output;
    }

    /** Told the chat id when voice started a new chat session (the session list refreshes). */
    public void setOnChatCreated(Consumer<String> callback) {
        this.onChatCreated = callback;
    }

    // ---- commands

    public void connect() {
        notice.set("");
        session.connect();
    }

    public void disconnect() {
        session.disconnect();
    }

    /** The connect button: connects when idle or failed, disconnects otherwise. */
    public void toggleConnection() {
        VoiceState s = state.get();
        if (s == VoiceState.IDLE || s == VoiceState.FAILED) {
            connect();
        } else {
            disconnect();
        }
    }

    /** Push-to-talk down (mouse or Space); repeats while held are ignored. */
    public void press() {
        if (!connected.get() || pressed.get()) {
            return;
        }
        pressed.set(true);
        notice.set("");
        session.press();
    }

    public void release() {
        if (!pressed.get()) {
            return;
        }
        pressed.set(false);
        session.release();
    }

    /** Samples the microphone for the meter (the view calls it every frame or so). */
    public void refreshLevel() {
        level.set(connected.get() ? Math.min(1, session.inputLevel()) : 0);
    }

    /** Transcripts go into this chat (the one the Chat pane shows; null: a new one). */
    public void useChat(String chatId) {
        session.useChat(chatId);
    }

    /** Reads the device lists and the devices in use (off the UI thread). */
    public void refreshDevices() {
        tasks.submit(() -> new DeviceSnapshot(devices.inputs(), devices.outputs(), devices.input(), devices.output(),
                devices.missingReason()),
                snapshot -> {
                    soundNote.set(snapshot.missing().map(why -> "Sound is off: " + why + ". The microphone is "
                            + "silent and DONNA cannot be heard.").orElse(""));
                    loadingDevices = true;
                    inputs.setAll(snapshot.inputs());
                    outputs.setAll(snapshot.outputs());
                    input.set(snapshot.input());
                    output.set(snapshot.output());
                    loadingDevices = false;
                }, failure -> notice.set("Could not list the sound devices: " + ErrorText.of(failure)));
    }

    /** The outcome of registering the global hotkey (null: not registered yet). */
    public void showHotkey(HotkeyStatus status) {
        hotkeyNote.set(status instanceof HotkeyStatus.Unavailable unavailable
                ? "The global hotkey is unavailable: " + unavailable.reason()
                        + ". Hold Space in this pane (or the button) to talk."
                : "");
        keysHint.set(status instanceof HotkeyStatus.Active active
                ? "Hold " + active.combo() + " anywhere, or Space here (or the button), to talk; talk over DONNA to "
                        + "interrupt her."
                : SPACE_HINT);
    }

    public void dismissNotice() {
        notice.set("");
    }

    @Override
    public void close() {
        session.close();
    }

    private void choose(AudioDevice device, Consumer<AudioDevice> use) {
        if (device != null && !loadingDevices) {
            tasks.submit(() -> {
                use.accept(device);
                return device;
            }, ok -> { }, failure -> notice.set("Could not switch to " + device.name() + ": "
                    + ErrorText.of(failure)));
        }
    }

    private String describe(VoiceState s) {
        return switch (s) {
            case IDLE -> "Not connected";
            case CONNECTING -> "Connecting…";
            case READY -> handsFree.get() ? "Listening for you" : "Ready: hold to talk";
            case LISTENING -> "Listening…";
            case THINKING -> "Thinking…";
            case SPEAKING -> "Speaking…";
            case RECONNECTING -> "Reconnecting…";
            case FAILED -> "Voice is not working";
        };
    }

    private void showState(VoiceState s, String why) {
        state.set(s);
        stateText.set(describe(s));
        detail.set(why == null ? "" : why);
        connected.set(s.connected());
        busy.set(s == VoiceState.CONNECTING || s == VoiceState.RECONNECTING);
        if (!s.connected()) {
            followUpText.set("");
            pressed.set(false);
            level.set(0);
        }
    }

    private void showTranscript(VoiceTranscript t) {
        TranscriptLine line = TranscriptLine.of(t);
        for (int i = transcript.size() - 1; i >= 0; i--) {
            TranscriptLine existing = transcript.get(i);
            if (existing.fromUser() == line.fromUser() && existing.itemId() != null
                    && existing.itemId().equals(line.itemId())) {
                transcript.set(i, line); // DONNA's line grows as she speaks
                return;
            }
        }
        transcript.add(line);
    }

    private void showToolStep(ToolStep step) {
        ToolStepLine line = ToolStepLine.of(step);
        for (int i = toolSteps.size() - 1; i >= 0; i--) {
            if (toolSteps.get(i).callId().equals(line.callId())) {
                toolSteps.set(i, line); // "Searching mail…" becomes "Searched mail: 3 found"
                return;
            }
        }
        toolSteps.add(line);
        if (toolSteps.size() > TOOL_STEPS_SHOWN) {
            toolSteps.remove(0, toolSteps.size() - TOOL_STEPS_SHOWN);
        }
    }

    private record DeviceSnapshot(List<AudioDevice> inputs, List<AudioDevice> outputs, AudioDevice input,
            AudioDevice output, Optional<String> missing) {}

    /** The session's reports, moved to the UI thread. */
    private final class Relay implements VoiceSessionListener {
        @Override
        public void onState(VoiceState s, String why) {
            ui.execute(() -> showState(s, why));
        }

        @Override
        public void onTranscript(VoiceTranscript t) {
            ui.execute(() -> showTranscript(t));
        }

        @Override
        public void onNotice(String message) {
            ui.execute(() -> notice.set(message));
        }

        @Override
        public void onChatSession(String chatId) {
            ui.execute(() -> onChatCreated.accept(chatId));
        }

        @Override
        public void onPath(String description) {
            ui.execute(() -> path.set(description));
        }

        @Override
        public void onFollowUp(FollowUpWindow window) {
            ui.execute(() -> followUpText.set(followUpText(window)));
        }

        @Override
        public void onToolStep(ToolStep step) {
            ui.execute(() -> showToolStep(step));
        }

        @Override
        public void onToolAction(ToolAction action) {
            onToolActions(List.of(action));
        }

        /** One call's products become cards together (a delegated turn's draft and its send waiting for a yes). */
        @Override
        public void onToolActions(List<ToolAction> made) {
            List<ToolAction> all = List.copyOf(made);
            ui.execute(() -> {
                actions.addAll(all);
                cards.addAll(cardsFor.apply(VoiceCards.turnActions(all)));
                if (cards.size() > CARDS_SHOWN) {
                    cards.remove(0, cards.size() - CARDS_SHOWN);
                }
            });
        }
    }
}
