package donna.app;

import donna.app.account.AccountView;
import donna.app.actions.ActionCards;
import donna.app.actions.ActionService;
import donna.app.integrations.IntegrationsService;
import donna.app.integrations.IntegrationsView;
import donna.app.integrations.IntegrationsViewModel;
import donna.app.memory.MemoryService;
import donna.app.memory.MemoryView;
import donna.app.memory.MemoryViewModel;
import donna.app.account.AccountViewModel;
import donna.app.chat.ChatService;
import donna.app.chat.ChatView;
import donna.app.chat.ChatViewModel;
import donna.app.chat.SessionListViewModel;
import donna.app.common.TaskExecutor;
import donna.app.insights.InsightsService;
import donna.app.insights.InsightsView;
import donna.app.insights.InsightsViewModel;
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
import donna.app.marketing.MarketingService;
import donna.app.marketing.MarketingView;
import donna.app.marketing.MarketingViewModel;
import donna.app.sales.SalesService;
import donna.app.today.TodayService;
import donna.app.today.TodayView;
import donna.app.today.TodayViewModel;
import donna.app.sales.SalesView;
import donna.app.sales.SalesViewModel;
import donna.app.shell.MainWindow;
import donna.app.shell.Page;
import donna.app.shell.ShellView;
import donna.app.shell.ShellViewModel;
import donna.app.shell.WindowStateStore;
import donna.app.shell.WorkspaceProfile;
import donna.app.voice.HotkeyBinding;
import donna.app.voice.HotkeyHook;
import donna.app.voice.UnavailableVoice;
import donna.app.voice.VoiceSessions;
import donna.app.voice.VoiceView;
import donna.app.voice.VoiceViewModel;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceState;
import donna.core.oauth.Browser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
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
    private final HotkeyBinding hotkey;
    private final ActionCards actionCards;
    private final MemoryViewModel memory;
    private final IntegrationsViewModel integrations;
    private final SalesViewModel sales;
    private final TodayViewModel today;
    private final MarketingViewModel marketing;
    private final InsightsViewModel insights;
    private final ShellView shellView;
    private final MainWindow window;
    private ChatView chatView;

    /**
     * What the window is built from. The chat service, the task and UI executors, the settings store with its secret
     * store and loaded settings, and the window-state store are required; the rest defaults to "nothing behind it":
     * a Mail pane with no service, a Voice pane that says it cannot connect, no global hotkey, no browser, no login
     * item, a quit that does nothing (UI tests of one pane set only what that pane needs).
     *
     * @param chat the Chat pane's service
     * @param ui   runs on the JavaFX thread ({@code Platform::runLater})
     */
    public static Builder builder(ChatService chat, TaskExecutor tasks, Executor ui) {
        return new Builder(chat, tasks, ui);
    }

    private UiAssembly(Builder b) {
        ChatService chatService = b.chat;
        TaskExecutor tasks = b.tasks;
        Executor ui = b.ui;
        Browser browser = b.browser;
        MailParts mailParts = b.mail != null ? b.mail : MailParts.detached(browser);
        VoiceSessions voiceSessions = b.voiceSessions != null ? b.voiceSessions : UnavailableVoice.sessions(ui);
        VoiceDevices voiceDevices = b.voiceDevices != null ? b.voiceDevices : VoiceDevices.systemDefault();
        shell = new ShellViewModel(b.demo);
        sessions = new SessionListViewModel(chatService, tasks);
        actionCards = new ActionCards(b.actions != null ? b.actions : ActionService.detached(), mailParts.outbox(),
                mailParts.watcher()::flushNow, tasks, ui);
        chat = new ChatViewModel(chatService, tasks, ui, sessions, actionCards);
        WorkspaceProfile.follow(shell.pageProperty(), chat.profileProperty(),
                () -> chat.chatIdProperty().get() == null && chat.messages().isEmpty());
        settings = new SettingsViewModel(Objects.requireNonNull(b.settingsStore, "settings"), b.keyStore, tasks,
                b.initialSettings, b.keyStored, b.loginItem, b.hotkeyOverride);
        b.keyVariable.ifPresent(settings::keyFromEnvironment);
        account = new AccountViewModel(tasks, ui, browser);
        // Signed in: their chats; signed out (or the sign-in expired): straight to where signing in happens.
        account.onChange(sessions::refresh, () -> shell.show(Page.SETTINGS));
        tray = new TrayViewModel(this::bringForward, b.quit);
        tray.keepRunningInTrayProperty().bind(settings.keepRunningInTrayProperty());
        mail = new MailPane(mailParts, tasks, ui, ZoneId.systemDefault());
        actionCards.setOnOpenInMail(d -> {
            shell.show(Page.MAIL);
            mail.compose().openDraft(d.to(), d.cc(), d.subject(), d.body(), d.replyToMessageId());
        });
        memory = new MemoryViewModel(b.memory != null ? b.memory : MemoryService.detached(), tasks);
        integrations = new IntegrationsViewModel(b.integrations != null ? b.integrations
                : IntegrationsService.detached(), tasks);
        // What DONNA remembers changes in chat and voice, and deliveries move on their own: both are read again
        // each time Settings is shown.
        shell.pageProperty().addListener((o, was, now) -> {
            if (now == Page.SETTINGS) {
                memory.refresh();
                integrations.refresh();
            }
        });
        // Sales (issue 14): DONNA adds leads in chat and voice, so the list is read again each time it is shown.
        // Today (issue 14): DONNA takes messages in voice and chat, so it is read again each time it is shown.
        today = new TodayViewModel(b.today != null ? b.today : TodayService.detached(), tasks, ZoneId.systemDefault(),
                java.util.concurrent.CompletableFuture.delayedExecutor(3, java.util.concurrent.TimeUnit.SECONDS, ui));
        today.setOnOpenMail(id -> {
            shell.show(Page.MAIL);
            mail.reader().open(id);
        });
        today.setOnOpenDraft(d -> {
            shell.show(Page.MAIL);
            mail.compose().openDraft(d.to(), d.cc(), d.subject(), d.body(), d.replyToMessageId());
        });
        shell.pageProperty().addListener((o, was, now) -> {
            if (now == Page.TODAY) {
                today.refresh();
            }
        });
        sales = new SalesViewModel(b.sales != null ? b.sales : SalesService.detached(), tasks, LocalDate::now,
                actionCards);
        shell.pageProperty().addListener((o, was, now) -> {
            if (now == Page.SALES) {
                sales.refresh();
            }
        });
        // Marketing (issue 14): DONNA drafts campaigns in chat and voice, so the list is read again when shown.
        marketing = new MarketingViewModel(b.marketing != null ? b.marketing : MarketingService.detached(), tasks);
        shell.pageProperty().addListener((o, was, now) -> {
            if (now == Page.MARKETING) {
                marketing.refresh();
            }
        });
        // Insights (issue 13): DONNA's chats are scored as they happen, so the shown tab is read again on each showing.
        insights = new InsightsViewModel(b.insights != null ? b.insights : InsightsService.detached(), tasks,
                java.time.Clock.systemUTC(), java.util.concurrent.CompletableFuture.delayedExecutor(2,
                        java.util.concurrent.TimeUnit.SECONDS, ui));
        shell.pageProperty().addListener((o, was, now) -> {
            if (now == Page.INSIGHTS) {
                insights.shown();
            }
        });
        voice = new VoiceViewModel(voiceSessions, voiceDevices, tasks, ui);
        voice.showCardsWith(actionCards::cardsFor);
        // Voice and chat share one history: transcripts go into the chat on screen; a chat voice starts is listed.
        voice.useChat(chat.chatIdProperty().get());
        chat.chatIdProperty().addListener((o, was, id) -> voice.useChat(id));
        voice.setOnChatCreated(id -> sessions.refresh());
        voice.stateProperty().addListener((o, was, now) -> tray.pushToTalkStatus(
                now == VoiceState.IDLE ? null : now.name().toLowerCase(java.util.Locale.ROOT)));
        // The hotkey Settings shows is the one registered; the outcome shows beside the field and in the Voice pane.
        hotkey = new HotkeyBinding(b.hotkeyHook, tasks, ui, voice::press, voice::release);
        hotkey.use(settings.hotkey().hotkeyProperty().get());
        settings.hotkey().hotkeyProperty().addListener((o, was, combo) -> hotkey.use(combo));
        hotkey.statusProperty().addListener((o, was, status) -> {
            settings.hotkey().showStatus(status);
            voice.showHotkey(status);
        });
        // The panes are built when first shown (ShellView): the window's first frame does not wait for them.
        shellView = new ShellView(shell, Map.of(Page.CHAT, this::chatView, Page.VOICE, () -> new VoiceView(voice),
                Page.MAIL, () -> new MailView(mail, browser, ZoneId.systemDefault()),
                Page.TODAY, () -> new TodayView(today),
                Page.SALES, () -> new SalesView(sales),
                Page.MARKETING, () -> new MarketingView(marketing),
                Page.INSIGHTS, () -> new InsightsView(insights, ZoneId.systemDefault()),
                Page.SETTINGS, () -> new SettingsView(settings, new AccountView(account), new MemoryView(memory),
                        new IntegrationsView(integrations))));
        window = new MainWindow(shellView, settings.themeProperty(),
                Objects.requireNonNull(b.windowStates, "windowStates"), () -> {
            shell.show(Page.CHAT);
            chatView().newChat();
        }, tray);
        // The follow-up window (issue 16): the saved option, and never listening while the window is in the background.
        voice.followUpProperty().bind(settings.followUpWindowProperty());
        voice.setForeground(window.foregroundProperty().get());
        window.foregroundProperty().addListener((o, was, now) -> voice.setForeground(now));
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

    /** The global push-to-talk hotkey: the app starts it after the first frame and closes it on the way out. */
    public HotkeyBinding hotkey() {
        return hotkey;
    }

    public AccountViewModel account() {
        return account;
    }

    public MailPane mail() {
        return mail;
    }

    /** The cards of DONNA's drafts and confirmations (the Voice pane shows its turns' cards through it too). */
    public ActionCards actionCards() {
        return actionCards;
    }

    /** Settings > Memory. */
    public MemoryViewModel memory() {
        return memory;
    }

    /** Settings > Integrations. */
    public IntegrationsViewModel integrations() {
        return integrations;
    }

    /** The Sales workspace. */
    public SalesViewModel sales() {
        return sales;
    }

    /** The Marketing workspace (campaigns). */
    public MarketingViewModel marketing() {
        return marketing;
    }

    /** The Today pane (the front desk). */
    public TodayViewModel today() {
        return today;
    }

    /** The Insights pane. */
    public InsightsViewModel insights() {
        return insights;
    }

    /** The service answered: set up the account section for its kind, then load the chats. */
    public void connected(ServiceConnector.Connected connected) {
        connected.signIn().ifPresentOrElse(
                s -> account.remote(s.flow(), s.session(), connected.client()::me), account::local);
        sessions.refresh();
        mail.connected();
        if (shell.pageProperty().get() == Page.SETTINGS) {
            memory.refresh();
            integrations.refresh();
        }
    }

    /** The seams and stores a {@link UiAssembly} is built from; see {@link #builder}. */
    public static final class Builder {
        private final ChatService chat;
        private final TaskExecutor tasks;
        private final Executor ui;
        private SettingsStore settingsStore;
        private SecretStore keyStore;
        private Settings initialSettings;
        private boolean keyStored;
        private Optional<String> keyVariable = Optional.empty();
        private WindowStateStore windowStates;
        private boolean demo;
        private Browser browser = uri -> { };
        private Optional<LoginItem> loginItem = Optional.empty();
        private MailParts mail;
        private VoiceSessions voiceSessions;
        private VoiceDevices voiceDevices;
        private HotkeyHook hotkeyHook = HotkeyHook.none();
        private Optional<String> hotkeyOverride = Optional.empty();
        private Runnable quit = () -> { };
        private ActionService actions;
        private MemoryService memory;
        private IntegrationsService integrations;
        private SalesService sales;
        private TodayService today;
        private MarketingService marketing;
        private InsightsService insights;

        private Builder(ChatService chat, TaskExecutor tasks, Executor ui) {
            this.chat = Objects.requireNonNull(chat, "chat");
            this.tasks = Objects.requireNonNull(tasks, "tasks");
            this.ui = Objects.requireNonNull(ui, "ui");
        }

        /**
         * @param keyStore  where the OpenAI key is kept
         * @param loaded    the settings as loaded at start
         * @param keyStored whether {@code keyStore} holds a key (read once, off the FX thread)
         */
        public Builder settings(SettingsStore store, SecretStore keyStore, Settings loaded, boolean keyStored) {
            this.settingsStore = store;
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.initialSettings = Objects.requireNonNull(loaded, "loaded");
            this.keyStored = keyStored;
            return this;
        }

        /** Where the window's size and position are remembered. */
        public Builder windowStates(WindowStateStore store) {
            this.windowStates = store;
            return this;
        }

        /** Replies are simulated (no OpenAI key): the window shows the demo banner. */
        public Builder demo(boolean simulated) {
            this.demo = simulated;
            return this;
        }

        /** Opens the sign-in page (remote mode), Gmail's consent page and links in mail. */
        public Builder browser(Browser opener) {
            this.browser = Objects.requireNonNull(opener, "browser");
            return this;
        }

        /** How this OS starts DONNA at login (empty in a run from a build). */
        public Builder loginItem(Optional<LoginItem> item) {
            this.loginItem = Objects.requireNonNull(item, "loginItem");
            return this;
        }

        /** The Mail pane's outbox, saved inbox and service seam. */
        public Builder mail(MailParts parts) {
            this.mail = Objects.requireNonNull(parts, "mail");
            return this;
        }

        /**
         * @param sessions makes the Voice pane's session (transport, service, scheduler chosen by the caller)
         * @param devices  the microphones and speakers the Voice pane offers
         */
        public Builder voice(VoiceSessions sessions, VoiceDevices devices) {
            this.voiceSessions = Objects.requireNonNull(sessions, "sessions");
            this.voiceDevices = Objects.requireNonNull(devices, "devices");
            return this;
        }

        /**
         * @param hook     registers the global push-to-talk hotkey (from {@link #hotkey()}{@code .start()} on)
         * @param override the environment's push-to-talk hotkey, which wins over the setting, if set
         */
        public Builder hotkey(HotkeyHook hook, Optional<String> override) {
            this.hotkeyHook = Objects.requireNonNull(hook, "hook");
            this.hotkeyOverride = Objects.requireNonNull(override, "override");
            return this;
        }

        /** @param variable the environment variable the OpenAI key in use comes from, if it comes from there */
        public Builder openAiKeyFrom(Optional<String> variable) {
            this.keyVariable = Objects.requireNonNull(variable, "variable");
            return this;
        }

        /** Ends the app: the tray's Quit, or the close button when nothing keeps DONNA in the tray. */
        public Builder onQuit(Runnable action) {
            this.quit = Objects.requireNonNull(action, "quit");
            return this;
        }

        /** What the cards of DONNA's drafts and confirmations call (the service's drafts and actions). */
        public Builder actions(ActionService service) {
            this.actions = Objects.requireNonNull(service, "actions");
            return this;
        }

        /** What Settings > Memory lists, edits and deletes. */
        public Builder memory(MemoryService service) {
            this.memory = Objects.requireNonNull(service, "memory");
            return this;
        }

        /** What Settings > Integrations lists, adds, tests and deletes (the webhooks). */
        public Builder integrations(IntegrationsService service) {
            this.integrations = Objects.requireNonNull(service, "integrations");
            return this;
        }

        /** The Sales workspace's service; without one, the pane says the service is still starting. */
        public Builder sales(SalesService service) {
            this.sales = Objects.requireNonNull(service, "sales");
            return this;
        }

        /** The Marketing workspace's service (campaigns); without one, the pane says the service is not running. */
        public Builder marketing(MarketingService service) {
            this.marketing = Objects.requireNonNull(service, "marketing");
            return this;
        }

        /** What the Today pane shows: messages taken, follow-ups due. */
        public Builder today(TodayService service) {
            this.today = Objects.requireNonNull(service, "today");
            return this;
        }

        /** The Insights pane's service; without one, the pane says the service is still starting. */
        public Builder insights(InsightsService service) {
            this.insights = Objects.requireNonNull(service, "insights");
            return this;
        }

        public UiAssembly build() {
            return new UiAssembly(this);
        }
    }
}
