package donna.app;

import donna.app.chat.ChatService;
import donna.app.chat.ChatView;
import donna.app.chat.ChatViewModel;
import donna.app.chat.SessionListViewModel;
import donna.app.common.TaskExecutor;
import donna.app.settings.SecretStore;
import donna.app.settings.Settings;
import donna.app.settings.SettingsStore;
import donna.app.settings.SettingsView;
import donna.app.settings.SettingsViewModel;
import donna.app.shell.MainWindow;
import donna.app.shell.ShellView;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.app.voice.UnavailableVoice;
import donna.app.voice.VoiceSessions;
import donna.app.voice.VoiceView;
import donna.app.voice.VoiceViewModel;
import donna.core.voice.VoiceDevices;
import java.util.concurrent.Executor;
import javafx.stage.Stage;

/**
 * View models and views of the main window, built from the seams {@link DonnaApp#start} chose. Separate so the UI
 * tests build exactly the same window around fakes.
 */
public final class UiAssembly {
    private final ShellViewModel shell;
    private final SessionListViewModel sessions;
    private final ChatViewModel chat;
    private final SettingsViewModel settings;
    private final VoiceViewModel voice;
    private final MainWindow window;

    /** Without voice (its pane says it cannot connect): for UI tests of the other panes. */
    public UiAssembly(ChatService chatService, TaskExecutor tasks, Executor ui, SettingsStore settingsStore,
                      SecretStore keyStore, Settings initialSettings, boolean keyStored, boolean demo,
                      WindowStateStore windowStates) {
        this(chatService, UnavailableVoice.sessions(ui), VoiceDevices.systemDefault(), tasks, ui, settingsStore,
                keyStore, initialSettings, keyStored, demo, windowStates);
    }

    public UiAssembly(ChatService chatService, VoiceSessions voiceSessions, VoiceDevices voiceDevices,
                      TaskExecutor tasks, Executor ui, SettingsStore settingsStore, SecretStore keyStore,
                      Settings initialSettings, boolean keyStored, boolean demo, WindowStateStore windowStates) {
        shell = new ShellViewModel(demo);
        sessions = new SessionListViewModel(chatService, tasks);
        chat = new ChatViewModel(chatService, tasks, ui, sessions);
        settings = new SettingsViewModel(settingsStore, keyStore, tasks, initialSettings, keyStored);
        voice = new VoiceViewModel(voiceSessions, voiceDevices, tasks, ui);
        // Voice and chat share one history: transcripts go into the chat on screen; a chat voice starts is listed.
        voice.useChat(chat.chatIdProperty().get());
        chat.chatIdProperty().addListener((o, was, id) -> voice.useChat(id));
        voice.setOnChatCreated(id -> sessions.refresh());
        ChatView chatView = new ChatView(chat);
        ShellView shellView = new ShellView(shell, chatView, new VoiceView(voice), new SettingsView(settings));
        window = new MainWindow(shellView, settings.themeProperty(), windowStates, () -> {
            shell.show(donna.app.shell.Page.CHAT);
            chatView.newChat();
        });
    }

    public void show(Stage stage) {
        window.show(stage);
    }

    public ShellViewModel shell() {
        return shell;
    }

    public SessionListViewModel sessions() {
        return sessions;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public VoiceViewModel voice() {
        return voice;
    }
}
