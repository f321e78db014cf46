package donna.core.voice;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.chat.NewMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link VoiceSession} wired to fakes: a manual scheduler (time moves only when the test says), blocking work
 * run inline, scripted secrets, recorded saves, a new {@link FakeTransport} per connection, and a listener that
 * records everything.
 */
final class VoiceHarness implements VoiceSessionListener {
    static final Duration TTL = Duration.ofSeconds(60);

    final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));
    final List<FakeTransport> transports = new ArrayList<>();
    final List<RealtimeToken> minted = new ArrayList<>();
    final List<List<NewMessage>> saves = new ArrayList<>();
    final List<String> saveChatIds = new ArrayList<>();
    final List<VoiceState> states = new ArrayList<>();
    final List<String> details = new ArrayList<>();
    final List<VoiceTranscript> transcripts = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final List<ToolCall> toolCalls = new ArrayList<>();
    final List<ToolStep> steps = new ArrayList<>();
    final List<ToolAction> actions = new ArrayList<>();
    final List<FollowUpWindow> followUps = new ArrayList<>();
    String chatSession;
    boolean serverOutputBuffer = true;
    int failMints;
    int failSaves;
    int failConnects;
    /** When set, secrets carry a metered session id ("vs-1", ...), continued when a mint names one. */
    boolean metering;
    /** When set, transports are a service path's (the relay, the batch path): no secret, the service keeps turns. */
    boolean servicePath;
    /** When set, the factory asks for a secret even so (a path that fell through to a service path). */
    boolean factoryWantsSecret;
    /**
     * When set, each connection is GPT-Live's: a {@link donna.core.voice.live.LiveTransport} around the
     * {@link FakeTransport}, which then carries Live's events (the test emits and reads Live's own).
     */
    boolean live;
    /** Tools that keep their turn in the chat themselves ({@link ToolRunner#keepsTurn}). */
    final java.util.Set<String> turnKeepingTools = new java.util.HashSet<>();
    int sessionsStarted;
    final List<String> continuations = new ArrayList<>();
    /** The {@code session_id} each Live session was created with (null: none), when {@link #live}. */
    final List<String> liveContinuations = new ArrayList<>();
    /** When set, the service continues no Live session (it was over): each gets a new metered id. */
    boolean liveContinuesNothing;
    final List<String> meterReports = new ArrayList<>();
    /** What the session reported to the voice events log, report by report (io runs inline). */
    final List<List<VoiceEvent>> eventReports = new ArrayList<>();
    final VoiceSession session;

    VoiceHarness() {
        this(VoiceSettings.defaults());
    }

    VoiceHarness(VoiceSettings settings) {
        session = VoiceSession.builder().baseUrl(URI.create("https://realtime.example")).tokens(TokenSource.continuing(this::mint))
                .transports(new RealtimeTransportFactory() {
                    @Override
                    public RealtimeTransport create() {
                        return newTransport();
                    }

                    @Override
                    public boolean needsClientSecret() {
                        return !live && (!servicePath || factoryWantsSecret); // Live needs none
                    }
                }).store(this::save).scheduler(scheduler).io(Runnable::run)
                .settings(settings).listener(this).random(() -> 1.0).tools(new ToolRunner() {
                    @Override
                    public CompletableFuture<ToolResult> run(String name, String argumentsJson, String callId,
                            String chatId, String userItemId) {
                        return runTool(name, argumentsJson, callId, chatId, userItemId);
                    }

                    @Override
                    public boolean keepsTurn(String name) {
                        return turnKeepingTools.contains(name);
                    }
                })
.events(events -> eventReports.add(List.copyOf(events)))
                                .meter(new VoiceMeter() {
                    @Override
                    public void heartbeat(String sessionId) {
                        meterReports.add("heartbeat " + sessionId);
                    }

                    @Override
                    public void end(String sessionId) {
                        meterReports.add("end " + sessionId);
                    }
                }).build();
    }

    /** One call the session made to the tool runner; the test completes {@code result} when it likes. */
    record ToolCall(String name, String arguments, String callId, String chatId, String userItemId,
            CompletableFuture<ToolResult> result) {}

    private CompletableFuture<ToolResult> runTool(String name, String arguments, String callId, String chatId,
            String userItemId) {
        CompletableFuture<ToolResult> result = new CompletableFuture<>();
        toolCalls.add(new ToolCall(name, arguments, callId, chatId, userItemId, result));
        return result;
    }

    /** The tool call {@code callId} answers {@code result}; the session's reaction runs. */
    void toolAnswers(String callId, ToolResult result) {
        toolCalls.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow().result().complete(result);
        scheduler.runPending();
    }

    /** The server commits the user's audio as {@code itemId} (after a push-to-talk release). */
    void committed(String itemId) {
        emit("{\"type\":\"input_audio_buffer.committed\",\"previous_item_id\":null,\"item_id\":\"" + itemId
                + "\"}");
    }

    /**
     * The model finishes a function call in {@code responseId}, as the GA API reports it: the item is added, its
     * arguments are done, the item is done (the session must run it once, not twice).
     */
    void functionCall(String responseId, String itemId, String callId, String name, String argumentsJson) {
        String args = argumentsJson.replace("\"", "\\\"");
        emit("{\"type\":\"response.output_item.added\",\"response_id\":\"" + responseId + "\",\"output_index\":0,"
                + "\"item\":{\"id\":\"" + itemId + "\",\"type\":\"function_call\",\"status\":\"in_progress\","
                + "\"name\":\"" + name + "\",\"call_id\":\"" + callId + "\",\"arguments\":\"\"}}");
        emit("{\"type\":\"response.function_call_arguments.done\",\"response_id\":\"" + responseId
                + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"call_id\":\"" + callId + "\",\"name\":\""
                + name + "\",\"arguments\":\"" + args + "\"}");
        emit("{\"type\":\"response.output_item.done\",\"response_id\":\"" + responseId + "\",\"output_index\":0,"
                + "\"item\":{\"id\":\"" + itemId + "\",\"type\":\"function_call\",\"status\":\"completed\","
                + "\"name\":\"" + name + "\",\"call_id\":\"" + callId + "\",\"arguments\":\"" + args + "\"}}");
    }

    void responseCreated(String responseId) {
        emit("{\"type\":\"response.created\",\"response\":{\"id\":\"" + responseId + "\",\"status\":\"in_progress\"}}");
    }

    void responseDone(String responseId, String status) {
        emit("{\"type\":\"response.done\",\"response\":{\"id\":\"" + responseId + "\",\"status\":\"" + status
                + "\"}}");
    }

    private RealtimeToken mint(String continuing) {
        continuations.add(continuing);
        if (failMints > 0) {
            failMints--;
            throw new ServiceException(new ServiceError(503, "upstream_unavailable",
                    "The voice service is unavailable; try again shortly", "t1"));
        }
        String sessionId = !metering ? null : continuing != null ? continuing : "vs-" + ++sessionsStarted;
        RealtimeToken token = new RealtimeToken("ek_" + (minted.size() + 1), scheduler.now().plus(TTL), "gpt-realtime",
                sessionId);
        minted.add(token);
        return token;
    }

    private RealtimeTransport newTransport() {
        FakeTransport t = new FakeTransport(serverOutputBuffer);
        t.servicePath = servicePath;
        if (failConnects > 0) {
            failConnects--;
            t.failConnect = new RealtimeTransportException("no route to the voice service");
        }
        transports.add(t);
        if (live) {
            return new donna.core.voice.live.LiveTransport(exchange -> {
                t.exchange = exchange;
                return t;
            }, this::createLive);
        }
        return t;
    }

    /** The service's Live route: with {@link #metering}, metered ids "lv-1", ..., continued when named. */
    private donna.core.voice.live.LiveSessionApi.Created createLive(String offer, String continuing) {
        liveContinuations.add(continuing);
        String id = !metering ? null : continuing != null && !liveContinuesNothing ? continuing
                : "lv-" + ++sessionsStarted;
        return new donna.core.voice.live.LiveSessionApi.Created("v=0 answer", "live_" + liveContinuations.size(), id);
    }

    private String save(String chatId, List<NewMessage> messages) {
        if (failSaves > 0) {
            failSaves--;
            throw new ServiceException(new ServiceError(0, "unreachable", "The DONNA service could not be reached",
                    null));
        }
        saves.add(List.copyOf(messages));
        saveChatIds.add(chatId);
        return chatId == null ? "chat-1" : chatId;
    }

    FakeTransport transport() {
        return transports.getLast();
    }

    VoiceState state() {
        return states.isEmpty() ? VoiceState.IDLE : states.getLast();
    }

    /** Connects and answers the session.update, leaving the session READY. */
    FakeTransport connected() {
        session.connect();
        scheduler.runPending();
        FakeTransport t = transport();
        confirm(t);
        return t;
    }

    void confirm(FakeTransport t) {
        t.emit("{\"type\":\"session.updated\",\"session\":{\"id\":\"sess_1\",\"type\":\"realtime\"}}");
        scheduler.runPending();
    }

    void emit(String json) {
        transport().emit(json);
        scheduler.runPending();
    }

    /** Holds push-to-talk for {@code held} with the microphone at {@code level}, then releases. */
    void talk(Duration held, double level) {
        transport().level = level;
        session.press();
        scheduler.runPending();
        scheduler.advance(held);
        session.release();
        scheduler.runPending();
    }

    /** The server's side of an answer up to the moment its audio starts playing. */
    void answerStarts(String responseId, String itemId, String... words) {
        emit("{\"type\":\"response.created\",\"response\":{\"id\":\"" + responseId + "\",\"status\":\"in_progress\"}}");
        emit("{\"type\":\"response.output_item.added\",\"response_id\":\"" + responseId + "\",\"item\":{\"id\":\""
                + itemId + "\",\"role\":\"assistant\"}}");
        for (String word : words) {
            emit("{\"type\":\"response.output_audio_transcript.delta\",\"response_id\":\"" + responseId
                    + "\",\"item_id\":\"" + itemId + "\",\"delta\":\"" + word + "\"}");
        }
        emit("{\"type\":\"output_audio_buffer.started\",\"response_id\":\"" + responseId + "\"}");
    }

    void answerEnds(String responseId, String itemId, String transcript) {
        emit("{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"" + responseId
                + "\",\"item_id\":\"" + itemId + "\",\"transcript\":\"" + transcript + "\"}");
        emit("{\"type\":\"response.done\",\"response\":{\"id\":\"" + responseId + "\",\"status\":\"completed\"}}");
        emit("{\"type\":\"output_audio_buffer.stopped\",\"response_id\":\"" + responseId + "\"}");
    }

    @Override
    public void onState(VoiceState state, String detail) {
        states.add(state);
        details.add(detail);
    }

    @Override
    public void onTranscript(VoiceTranscript transcript) {
        transcripts.add(transcript);
    }

    @Override
    public void onNotice(String message) {
        notices.add(message);
    }

    @Override
    public void onToolStep(ToolStep step) {
        steps.add(step);
    }

    @Override
    public void onToolAction(ToolAction action) {
        actions.add(action);
    }

    @Override
    public void onFollowUp(FollowUpWindow window) {
        followUps.add(window);
    }

    @Override
    public void onChatSession(String chatId) {
        chatSession = chatId;
    }
}
