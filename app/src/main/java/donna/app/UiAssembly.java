package donna.app;

import donna.app.account.AccountView;
import donna.app.account.AccountViewModel;
import donna.app.chat.ChatService;
import donna.app.chat.ChatView;
import donna.app.chat.ChatViewModel;
import donna.app.chat.SessionListViewModel;
import donna.app.common.TaskExecutor;
import donna.app.mail.MailPane;
import donna.app.mail.MailParts;
import donna.app.mail.MailView;
import donna.app.connection.ServiceConnector;
import donna.app.desktop.LoginItem;
import donna.app.desktop.TrayViewModel;
import donna.app.settings.SecretStore;
import donna.app.settings.Settings;
import donna.app.settings.SettingsStore;
import donna.app.settings.SettingsView;
import donna.app.settings.SettingsViewModel;
import donna.app.shell.MainWindow;
import donna.app.shell.Page;
import donna.app.shell.ShellView;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.app.voice.UnavailableVoice;
import donna.app.voice.VoiceSessions;
import donna.app.voice.VoiceView;
import donna.app.voice.VoiceViewModel;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceState;
import donna.core.oauth.Browser;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
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
    private final AccountViewModel account;
    private final TrayViewModel tray;
    private final MailPane mail;
    private final VoiceViewModel voice;
    private final ShellView shellView;
    private final MainWindow window;
    private ChatView chatView;

    /** A window whose Mail and Voice panes have nothing behind them (UI tests of the other panes). */
    public UiAssembly(ChatService chatService, TaskExecutor tasks, Executor ui, SettingsStore settingsStore,
                      SecretStore keyStore, Settings initialSettings, boolean keyStored, boolean demo,
                      WindowStateStore windowStates, Browser browser, Optional<LoginItem> loginItem,
                      Runnable quit) {
        this(chatService, MailParts.detached(browser), tasks, ui, settingsStore, keyStore, initialSettings, keyStored,
                demo, windowStates, browser, loginItem, quit);
    }

    /** A window whose Voice pane has nothing behind it (its pane says it cannot connect). */
    public UiAssembly(ChatService chatService, MailParts mailParts, TaskExecutor tasks, Executor ui,
                      SettingsStore settingsStore, SecretStore keyStore, Settings initialSettings, boolean keyStored,
                      boolean demo, WindowStateStore windowStates, Browser browser, Optional<LoginItem> loginItem,
                      Runnable quit) {
        this(chatService, mailParts, UnavailableVoice.sessions(ui), VoiceDevices.systemDefault(), tasks, ui,
                settingsStore, keyStore, initialSettings, keyStored, demo, windowStates, browser, loginItem, quit);
    }

    /**
     * @param mailParts     the Mail pane's outbox, saved inbox and service seam
     * @param voiceSessions makes the Voice pane's session (transport, service, scheduler chosen by the caller)
     * @param voiceDevices  the microphones and speakers the Voice pane offers
     * @param browser       opens the sign-in page (remote mode), Gmail's consent page and links in mail
     * @param loginItem     how this OS starts DONNA at login (empty in a run from a build)
     * @param quit          ends the app (the tray's Quit, or the close button when nothing keeps DONNA in the tray)
     */
    public UiAssembly(ChatService chatService, MailParts mailParts, VoiceSessions voiceSessions,
                      VoiceDevices voiceDevices, TaskExecutor tasks, Executor ui, SettingsStore settingsStore,
                      SecretStore keyStore, Settings initialSettings, boolean keyStored, boolean demo,
                      WindowStateStore windowStates, Browser browser, Optional<LoginItem> loginItem, Runnable quit) {
        shell = new ShellViewModel(demo);
        sessions = new SessionListViewModel(chatService, tasks);
        chat = new ChatViewModel(chatService, tasks, ui, sessions);
        settings = new SettingsViewModel(settingsStore, keyStore, tasks, initialSettings, keyStored, loginItem);
        account = new AccountViewModel(tasks, ui, browser);
        // Signed in: their chats; signed out (or the sign-in expired): straight to where signing in happens.
        account.onChange(sessions::refresh, () -> shell.show(Page.SETTINGS));
        tray = new TrayViewModel(this::bringForward, quit);
        tray.keepRunningInTrayProperty().bind(settings.keepRunningInTrayProperty());
        mail = new MailPane(mailParts, tasks, ui, ZoneId.systemDefault());
        voice = new VoiceViewModel(voiceSessions, voiceDevices, tasks, ui);
        // Voice and chat share one history: transcripts go into the chat on screen; a chat voice starts is listed.
        voice.useChat(chat.chatIdProperty().get());
        chat.chatIdProperty().addListener((o, was, id) -> voice.useChat(id));
        voice.setOnChatCreated(id -> sessions.refresh());
        voice.stateProperty().addListener((o, was, now) -> tray.pushToTalkStatus(
                now == VoiceState.IDLE ? null : now.name().toLowerCase(java.util.Locale.ROOT)));
        // The panes are built when first shown (ShellView): the window's first frame does not wait for them.
        shellView = new ShellView(shell, Map.of(Page.CHAT, this::chatView, Page.VOICE, () -> new VoiceView(voice),
                Page.MAIL, () -> new MailView(mail, browser, ZoneId.systemDefault()),
                Page.SETTINGS, () -> new SettingsView(settings, new AccountView(account))));
        window = new MainWindow(shellView, settings.themeProperty(), windowStates, () -> {
            shell.show(Page.CHAT);
            chatView().newChat();
        }, tray);
    }

    private ChatView chatView() {
        if (chatView == null) {
            chatView = new ChatView(chat);
        }
        return chatView;
    }

    /** Shows the window with its current pane at once (the UI tests' way; the app shows the pane a frame later). */
    public void show(Stage stage) {
        window.show(stage, false);
        showPages();
        mail.show();
    }

    /** The current pane joins the window; the app calls it after the first frame, which shows the shell alone. */
    public void showPages() {
        shellView.showCurrentPage();
    }

    public MainWindow window() {
        return window;
    }

    /** Shows and raises the window: the tray's Open, and a second launch of DONNA. */
    public void bringForward() {
        window.bringForward();
    }

    public TrayViewModel tray() {
        return tray;
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

    public AccountViewModel account() {
        return account;
    }

    public MailPane mail() {
        return mail;
    }

    /** The service answered: set up the account section for its kind, then load the chats. */
    public void connected(ServiceConnector.Connected connected) {
        connected.signIn().ifPresentOrElse(
                s -> account.remote(s.flow(), s.session(), connected.client()::me), account::local);
        sessions.refresh();
        mail.connected();
    }
}
