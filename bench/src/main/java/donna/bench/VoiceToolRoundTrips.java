package donna.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.api.BackendClient;
import donna.core.chat.Profile;
import donna.core.tools.ToolCallResult;
import donna.core.voice.ExecutorVoiceScheduler;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.ToolResult;
import donna.core.voice.ToolRunner;
import donna.core.voice.TransportListener;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import donna.core.voice.websocket.WebSocketTransport;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.ReceivedEvent;
import donna.standins.realtime.ToolExchange;
import donna.standins.realtime.WavVoiceAudio;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The voice half of {@link ToolsBench}: a real {@link VoiceSession} over the WebSocket transport (headless tone
 * devices, no audio hardware) talking to the fake Realtime peer, its tools run through the companion service's
 * {@code POST /api/tools/call} exactly as the app's {@code BackendToolRunner} does. One push-to-talk turn per run; the
 * fake answers it with a chain of scripted function calls ({@code search_mail}, {@code read_mail}, alternating), each
 * made when the session's {@code response.create} for the previous output arrives, so the calls run back to back.
 *
 * <p>Three clocks per call: at the peer (the fake's receipt of the {@code response.create} that made it emit the
 * call, which it emits at once, to its receipt of the {@code function_call_output}); at the session's transport
 * boundary ({@code response.done} handed to the session -> the output handed to the socket); and the tool's own
 * HTTP round trip ({@code BackendClient.callTool}).
 */
final class VoiceToolRoundTrips implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** One measured call: its tool and its three times in nanoseconds. */
    record Sample(String tool, long peerNanos, long boundaryNanos, long toolNanos) {}

    private final FakeOpenAi openAi;
    private final WavVoiceAudio audio = WavVoiceAudio.tone();
    private final ExecutorVoiceScheduler scheduler = new ExecutorVoiceScheduler();
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    /** When the client's transport got the response.done naming a call, and handed the call's output on. */
    private final Map<String, Long> callDoneAt = new ConcurrentHashMap<>();
    private final Map<String, Long> outputSentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> toolNanos = new ConcurrentHashMap<>();
    private final List<String> rawDone = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> rawSent = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile VoiceState state = VoiceState.IDLE;
    private volatile String detail;
    private final VoiceSession session;

    VoiceToolRoundTrips(FakeOpenAi openAi, BackendClient client) {
        this.openAi = openAi;
        RealtimeTransportFactory webSocket = WebSocketTransport.factory(audio); // the app's WebSocket fallback
        session = VoiceSession.builder().baseUrl(openAi.baseUrl()).tokens(client::realtimeToken)
                .transports(() -> new Timed(webSocket.create()))
                .store((chatId, messages) -> client.appendMessages(chatId, Profile.GENERAL, messages))
                .scheduler(scheduler).io(io).listener(new Listener()).tools(new ServiceTools(client)).build();
        session.connect();
        await("the voice session ready (" + detail + ")", () -> state == VoiceState.READY);
    }

    /**
     * One push-to-talk turn answered by {@code calls} function calls ({@code search_mail} and {@code read_mail} in
     * turn, arguments from {@code arguments}), then a short spoken answer; the samples of every call.
     */
    List<Sample> turn(int calls, java.util.function.IntFunction<String[]> arguments) {
        for (int i = 0; i < calls; i++) {
            String[] call = arguments.apply(i);
            openAi.realtime().callTool(call[0], call[1]);
        }
        openAi.realtime().answer("Done.", Duration.ofMillis(200));
        FakeRealtimeConversation brain = openAi.realtime().conversations().getLast();
        int eventsBefore = brain.received().size();
        int callsBefore = brain.toolCalls().size();

        audio.talking(true);
        session.press();
        await("listening", () -> state == VoiceState.LISTENING);
        brain.awaitVoice(brain.voiceMillis() + 300, WAIT);
        audio.talking(false);
        session.release();
        await(calls + " function call outputs at the peer", () -> brain.toolCalls().size() == callsBefore + calls
                && brain.toolCalls().stream().skip(callsBefore).allMatch(t -> t.output() != null));
        await("the answer spoken", () -> state == VoiceState.READY);
        parseStamps();

        Map<String, String> toolOf = new HashMap<>();
        brain.toolCalls().stream().skip(callsBefore).forEach(t -> toolOf.put(t.callId(), t.name()));
        List<Sample> samples = new ArrayList<>();
        Instant lastCreate = null;
        List<ReceivedEvent> events = brain.received();
        for (ReceivedEvent e : events.subList(eventsBefore, events.size())) {
            if ("response.create".equals(e.type())) {
                lastCreate = e.at();
            } else if ("conversation.item.create".equals(e.type())
                    && "function_call_output".equals(e.json().path("item").path("type").asText())) {
                String callId = e.json().path("item").path("call_id").asText();
                long peer = Duration.between(lastCreate, e.at()).toNanos();
                Long done = callDoneAt.get(callId);
                Long sent = outputSentAt.get(callId);
                Long tool = toolNanos.get(callId);
                if (!toolOf.containsKey(callId) || done == null || sent == null || tool == null) {
                    throw new IllegalStateException("call " + callId + " was not seen at every clock");
                }
                samples.add(new Sample(toolOf.get(callId), peer, sent - done, tool));
            }
        }
        List<String> errors = brain.toolCalls().stream().skip(callsBefore).map(ToolExchange::output)
                .filter(VoiceToolRoundTrips::isError).toList();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a tool answered an error: " + errors.getFirst());
        }
        return samples;
    }

    /** The events the transport stamped: response.done names the calls it finished; an output names its call. */
    private void parseStamps() {
        for (String line : drain(rawDone)) {
            for (JsonNode item : stamped(line).json().path("response").path("output")) {
                if ("function_call".equals(item.path("type").asText())) {
                    callDoneAt.putIfAbsent(item.path("call_id").asText(), stamped(line).nanos());
                }
            }
        }
        for (String line : drain(rawSent)) {
            Stamped s = stamped(line);
            outputSentAt.put(s.json().path("item").path("call_id").asText(), s.nanos());
        }
    }

    private record Stamped(long nanos, JsonNode json) {}

    private static Stamped stamped(String line) {
        int tab = line.indexOf('\t');
        try {
            return new Stamped(Long.parseLong(line.substring(0, tab)), JSON.readTree(line.substring(tab + 1)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an event that is not JSON", e);
        }
    }

    private static List<String> drain(List<String> list) {
        synchronized (list) {
            List<String> copy = new ArrayList<>(list);
            list.clear();
            return copy;
        }
    }

    private static boolean isError(String output) {
        try {
            return JSON.readTree(output).has("error");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (state == VoiceState.FAILED || System.nanoTime() > deadline) {
                throw new IllegalStateException("voice bench: no " + what + " (state " + state + ", " + detail + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    @Override
    public void close() {
        session.close();
        scheduler.close();
        io.close();
        audio.close();
    }

    /** The app's BackendToolRunner (package-private in the app module): the service runs the tool. Timed. */
    private final class ServiceTools implements ToolRunner {
        private final BackendClient client;

        ServiceTools(BackendClient client) {
            this.client = client;
        }

        @Override
        public CompletableFuture<ToolResult> run(String name, String argumentsJson, String callId, String chatId,
                String userItemId) {
            JsonNode arguments;
            try {
                arguments = JSON.readTree(argumentsJson);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            long t0 = System.nanoTime();
            ToolCallResult result = client.callTool(name, arguments, chatId, callId, userItemId, true);
            toolNanos.put(callId, System.nanoTime() - t0);
            return CompletableFuture.completedFuture(new ToolResult(result.output().toString(), result.action(),
                    result.card() == null ? null : result.card().toString(), result.summary()));
        }
    }

    /**
     * The WebSocket transport with a stopwatch at its edge: when a {@code response.done} reaches the session and
     * when a {@code function_call_output} leaves it. Only a time stamp and the text are kept on the hot path.
     */
    private final class Timed implements RealtimeTransport {
        private final RealtimeTransport inner;

        Timed(RealtimeTransport inner) {
            this.inner = inner;
        }

        @Override
        public void connect(RealtimeConnectRequest request, TransportListener listener) {
            inner.connect(request, new TransportListener() {
                @Override
                public void onEvent(String eventJson) {
                    if (eventJson.contains("\"response.done\"")) {
                        rawDone.add(System.nanoTime() + "\t" + eventJson);
                    }
                    listener.onEvent(eventJson);
                }

                @Override
                public void onFirstAudioFrame() {
                    listener.onFirstAudioFrame();
                }

                @Override
                public void onClosed(String reason, boolean failure) {
                    listener.onClosed(reason, failure);
                }
            });
        }

        @Override
        public void send(String eventJson) {
            if (eventJson.contains("\"function_call_output\"")) {
                rawSent.add(System.nanoTime() + "\t" + eventJson);
            }
            inner.send(eventJson);
        }

        @Override
        public void setMicrophoneLive(boolean live) {
            inner.setMicrophoneLive(live);
        }

        @Override
        public long playedAudioMillis() {
            return inner.playedAudioMillis();
        }

        @Override
        public double inputLevel() {
            return inner.inputLevel();
        }

        @Override
        public boolean hasServerOutputBuffer() {
            return inner.hasServerOutputBuffer();
        }

        @Override
        public void stopPlayback() {
            inner.stopPlayback();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private final class Listener implements VoiceSessionListener {
        @Override
        public void onState(VoiceState next, String why) {
            detail = why;
            state = next;
        }

        @Override
        public void onTranscript(VoiceTranscript transcript) {
        }

        @Override
        public void onNotice(String message) {
            detail = message;
        }
    }
}
