package donna.app.voice;

import donna.app.account.SecretTokenVault;
import donna.app.bundled.BundledGoogle;
import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.bundled.DemoOpenAi;
import donna.app.bundled.OpenAiChoice;
import donna.app.connection.AppMode;
import donna.app.connection.ServiceConnector;
import donna.app.settings.FileSettingsStore;
import donna.app.settings.KeyringSecretStore;
import donna.app.settings.SecretStore;
import donna.app.settings.SettingsStore;
import donna.audio.AudioUnavailableException;
import donna.audio.check.VoiceCheck;
import donna.audio.check.VoiceCheckResult;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.NativeExit;
import donna.audio.webrtc.WebRtcRuntime;
import donna.backend.config.BackendConfig;
import donna.backend.config.UserFolders;
import donna.backend.db.DatabaseInUseException;
import donna.core.api.BackendClient;
import donna.core.api.ServiceException;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeToken;
import donna.core.voice.VoiceMeter;
import donna.core.voice.VoiceTransports;
import donna.core.voice.batch.BatchTransport;
import donna.core.voice.live.LiveTransport;
import donna.core.voice.live.ServiceLiveSessions;
import donna.core.voice.websocket.RelayEndpoint;
import donna.core.voice.websocket.WebSocketTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code ./donna voice-check --input IN.wav --output OUT.wav [--json] [--transport webrtc|websocket|relay|batch|live]}:
 * "test my
 * voice setup". Connects with the
 * current configuration, as the app does (the bundled service, started for the check, unless
 * {@code DONNA_BACKEND_URL} names a shared one; with no OpenAI key the demo fake serves both the secret and the call),
 * takes a voice token from the service, runs one push-to-talk turn over WebRTC (or, with {@code --transport
 * websocket} or {@code DONNA_VOICE_TRANSPORT=websocket}, the WebSocket) with IN.wav (any common rate, mono or
 * stereo) as the microphone, records DONNA's answer to OUT.wav and prints the figures: connect (offer created to
 * event channel open), first audio and first transcript (both from {@code response.create} sent).
 *
 * <p>{@code --transport relay} runs the turn through the service's relay ({@code /api/realtime/ws}, with the
 * service's own credentials: nothing minted), {@code --transport batch} through {@code POST /api/voice/turn} (the
 * WAV recorded as the app records it, transcribed, answered and spoken by the service), {@code --transport live}
 * over GPT-Live (the service creates the session with its own key, {@code POST /api/voice/live/sessions}; WebRTC).
 *
 * <p>Exit codes: 0 a full turn, 1 anything less (the reason is printed), 2 bad usage (a transport that does not
 * exist).
 */
@Command(name = "./donna voice-check", usageHelpAutoWidth = true,
        description = "One push-to-talk turn (WebRTC, WebSocket, relay or batch) with a WAV file as the microphone; prints the "
                + "timings.")
public final class VoiceCheckCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "IN.wav", description = "what to say (a WAV file)")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.wav", description = "where DONNA's answer goes")
    Path output;

    @Option(names = "--json", description = "print one JSON line: ok, transport, connect_ms, first_audio_ms, "
            + "first_transcript_ms")
    boolean json;

    @Option(names = "--timeout", defaultValue = "20", paramLabel = "SECONDS",
            description = "how long each step may take (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--transport", paramLabel = "TRANSPORT",
            description = "webrtc, websocket, relay, batch or live (GPT-Live); default "
                    + "DONNA_VOICE_TRANSPORT, else webrtc")
    String transport;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /** Every transport issue 16 names. */
    private static final List<String> BUILT = List.of("webrtc", "websocket", "relay", "batch", "live");

    private final Connection connection;
    private final PrintWriter out;
    private final String transportSetting;

    /** How the check reaches a secret and the Realtime API. */
    interface Connection {
        /** The service's client: started here when bundled. */
        BackendClient client() throws Exception;

        /** Where calls go: the OPENAI_BASE_URL the service mints at. */
        URI realtimeBase();
    }

    /** @param transportSetting {@code DONNA_VOICE_TRANSPORT}, or null: what {@code --transport} defaults to */
    VoiceCheckCommand(Connection connection, PrintWriter out, String transportSetting) {
        this.connection = connection;
        this.out = out;
        this.transportSetting = transportSetting;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (!env.containsKey("DONNA_LOG_LEVEL")) {
            // The check's output is its figures; the service's INFO lines would drown them.
            System.setProperty("DONNA_LOG_LEVEL", "WARN");
        }
        Path data = UserFolders.forThisMachine(env).data();
        SettingsStore settings = new FileSettingsStore(data.resolve("settings.properties"));
        SecretStore keys = KeyringSecretStore.open("openai-api-key", data.resolve("openai-key"));
        AppMode mode = AppMode.resolve(env, settings.load().backendUrl(), keys.get().isPresent(), false);
        DemoOpenAi demo = new DemoOpenAi();
        OpenAiChoice openAi = new OpenAiChoice(env, keys, settings::load, demo);
        // The check's own service also relays (ENABLE_WS_PROXY), so --transport relay has something to try; it
        // lives for the check only, on loopback.
        BundledServiceLauncher launcher = new BundledServiceLauncher(data, () -> withRelay(openAi.get()),
                () -> BundledGoogle.fromEnvironment(env), new BundledService());
        Connection connection = new Connection() {
            @Override
            public BackendClient client() throws Exception {
                return ServiceConnector.open(mode, launcher, () -> new SecretTokenVault(
                        KeyringSecretStore.open("sign-in", data.resolve("sign-in")))).client();
            }

            @Override
            public URI realtimeBase() {
                return openAi.realtimeBase(mode);
            }
        };
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = execute(connection, out, new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                    env.get(VoiceTransports.SETTING), args);
        } finally {
            launcher.close();
            demo.close();
        }
        out.flush();
        NativeExit.halt(code); // native WebRTC threads cannot be stopped; they would print on a normal exit

    }

    private static BackendConfig.OpenAi withRelay(BackendConfig.OpenAi openAi) {
        return openAi.withRealtime(openAi.realtime().withRelay(openAi.realtime().relay().enabled(true)));
    }

    /** Runs one command line; the figures go to {@code out}, usage problems to {@code err}. */
    static int execute(Connection connection, PrintWriter out, PrintWriter err, String transportSetting,
            String... args) {
        CommandLine cli = new CommandLine(new VoiceCheckCommand(connection, out, transportSetting));
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        String chosen = transport != null ? transport : transportSetting;
        String name = chosen == null || chosen.isBlank() ? "webrtc" : chosen.strip().toLowerCase(Locale.ROOT);
        if (!BUILT.contains(name)) {
            String source = transport != null ? "--transport" : VoiceTransports.SETTING;
            String why = source + " must be one of webrtc, websocket, relay, batch, live, not \"" + chosen + "\"";
            print(VoiceCheckResult.failed(name, why));
            return 2; // a usage problem: nothing was tried
        }
        VoiceCheckResult result = check(name);
        print(result);
        return result.ok() ? 0 : 1;
    }

    private void print(VoiceCheckResult result) {
        out.print(json ? result.toJson() + "\n" : result.toText());
        out.flush();
    }

    private VoiceCheckResult check(String transportName) {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        WavSource microphone;
        try {
            microphone = WavSource.open(input);
        } catch (IOException e) {
            return VoiceCheckResult.failed(transportName, "cannot read " + input + ": " + e.getMessage());
        }
        // WebRTC's native start takes a moment: it runs while the service starts.
        CompletableFuture<WebRtcRuntime> runtime = CompletableFuture.supplyAsync(
                () -> WebRtcRuntime.start(AudioBackend.HEADLESS));
        try {
            BackendClient client = connection.client();
            WavRecorder answer = new WavRecorder();
            VoiceCheck check = new VoiceCheck(runtime.join(), timeout);
            VoiceCheckResult result = switch (transportName) {
                // Through the service, with its own credentials: nothing to mint.
                case "relay" -> check.runOverEvents("relay", unminted(timeout), microphone, answer,
                        audio -> WebSocketTransport.factory(audio, RelayEndpoint.of(() -> client, () -> null))
                                .create());
                case "batch" -> check.runOverEvents("batch", unminted(timeout), microphone, answer,
                        audio -> new BatchTransport((wav, chatId, onEvent) -> client.voiceTurn(wav, chatId, null,
                                false, onEvent), audio));
                // GPT-Live: the service creates the session with its own key; nothing minted here.
                case "live" -> check.runOverLive(unminted(timeout), microphone, answer,
                        peers -> new LiveTransport(peers, new ServiceLiveSessions(() -> client, () -> null),
                                new VoiceMeter() {
                                    @Override
                                    public void heartbeat(String sessionId) {
                                        client.voiceHeartbeat(sessionId);
                                    }

                                    @Override
                                    public void end(String sessionId) {
                                        client.endVoiceSession(sessionId);
                                    }
                                }));
                default -> {
                    RealtimeToken token = client.realtimeToken();
                    RealtimeConnectRequest request = new RealtimeConnectRequest(connection.realtimeBase(),
                            token.model(), token.value(), timeout);
                    yield "websocket".equals(transportName) ? check.runOverWebSocket(request, microphone, answer)
                            : check.run(request, microphone, answer);
                }
            };
            answer.writeTo(output);
            return result;
        } catch (Exception e) {
            return VoiceCheckResult.failed(transportName, reason(e));
        }
    }

    /** The relay and the batch path connect with the service's credentials: the request carries no secret. */
    private RealtimeConnectRequest unminted(Duration timeout) {
        return new RealtimeConnectRequest(connection.realtimeBase(), "", "", timeout);
    }

    /** One line a person can act on; the details go to the log (DONNA_LOG_LEVEL=DEBUG shows them). */
    private String reason(Throwable failure) {
        // Looked up here, not in a static field: main sets the log level before logging starts.
        LoggerFactory.getLogger(VoiceCheckCommand.class).debug("voice check failed", failure);
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return switch (cause) {
            case ServiceException se -> "the service gave no voice token: " + (se.error().message() != null
                    ? se.error().message() : se.error().code());
            case DatabaseInUseException inUse -> "the DONNA app is running on this data folder; quit it first, or "
                    + "point DONNA_BACKEND_URL at a running service";
            case AudioUnavailableException audio -> audio.getMessage();
            case IOException io -> "cannot write " + output + ": " + io.getMessage();
            default -> "unexpected failure (" + cause.getClass().getSimpleName()
                    + "); run with DONNA_LOG_LEVEL=DEBUG for details";
        };
    }
}
