package donna.app.mail.cli;

import donna.app.account.SecretTokenVault;
import donna.app.bundled.BundledGoogle;
import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.common.SystemBrowser;
import donna.app.connection.AppMode;
import donna.app.connection.ServiceConnector;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.KeyringSecretStore;
import donna.backend.config.BackendConfig;
import donna.backend.config.UserFolders;
import donna.core.api.BackendClient;
import donna.core.api.RetryPolicy;
import donna.core.mail.connect.GmailConnectFlow;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./donna mail ...}: Gmail from the command line, for scripts and checks. The commands use the app's own
 * outbox file and reach the service the way the app does: the bundled one, started for the command (stopped when it
 * ends), unless {@code DONNA_BACKEND_URL} (or the remote URL in Settings) names a shared one.
 *
 * <p>Exit codes: 0 done, 1 failed (the one line on standard error says why), 2 bad usage.
 */
@Command(name = "./donna mail", usageHelpAutoWidth = true,
        subcommands = {ConnectCommand.class, QueueCommand.class, FlushCommand.class},
        description = "Connect Gmail, queue mail in the outbox, and send what is queued.")
public final class MailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (!env.containsKey("DONNA_LOG_LEVEL")) {
            // A command's output is its result; the service's INFO lines would drown it (set it to see them).
            System.setProperty("DONNA_LOG_LEVEL", "WARN");
        }
        Path data = UserFolders.forThisMachine(env).data();
        AppMode mode = AppMode.resolve(env, new FileSettingsStore(data.resolve("settings.properties")).load()
                .backendUrl(), true, false);
        BundledServiceLauncher launcher = new BundledServiceLauncher(data, () -> openAi(env),
                () -> BundledGoogle.fromEnvironment(env), new BundledService());
        // Ctrl+C while waiting for the browser: stop the bundled service and its database all the same.
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "donna-mail-shutdown"));
        BackendClient[] client = new BackendClient[1];
        CommandContext.Service service = () -> {
            if (client[0] == null) {
                client[0] = ServiceConnector.open(mode, launcher, () -> new SecretTokenVault(
                        KeyringSecretStore.open("sign-in", data.resolve("sign-in")))).client();
            }
            return client[0];
        };
        int code;
        try {
            code = execute(new CommandContext(data, service, new SystemBrowser(), RetryPolicy.Sleeper.REAL,
                    Clock.systemUTC(), GmailConnectFlow.DEFAULT_TIMEOUT),
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
        } finally {
            launcher.close();
        }
        System.exit(code);
    }

    /** Runs one command line; what it prints goes to {@code out} (results) and {@code err} (problems). */
    public static int execute(CommandContext context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new MailCommand(), new Factory(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((failure, line, parsed) -> {
            line.getErr().println("donna mail: " + CommandErrors.message(failure));
            line.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: connect, queue or flush");
    }

    /** The bundled service for a command needs no language model; a key in the environment is passed on. */
    private static BackendConfig.OpenAi openAi(Map<String, String> env) {
        BackendConfig.OpenAi d = BackendConfig.OpenAi.defaults();
        return new BackendConfig.OpenAi(AppMode.openAiKey(env),
                Optional.ofNullable(env.get("OPENAI_BASE_URL")).filter(s -> !s.isBlank()).map(URI::create)
                        .orElse(d.baseUrl()), d.chatModel(), d.realtimeModel(), d.timeout());
    }

    /** Gives the subcommands the context; picocli makes everything else itself. */
    private record Factory(CommandContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ConnectCommand.class) {
                return type.cast(new ConnectCommand(context));
            }
            if (type == QueueCommand.class) {
                return type.cast(new QueueCommand(context));
            }
            if (type == FlushCommand.class) {
                return type.cast(new FlushCommand(context));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
