package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.chat.ChatMessage;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.VoiceTranscript;
import donna.core.voice.websocket.WebSocketTransport;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.ConversationItem;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.ReceivedEvent;
import donna.standins.realtime.WavVoiceAudio;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Voice through the real parts over the WebSocket transport: the bundled companion service (embedded Postgres) mints
 * the secrets at the fake OpenAI, the session talks to the fake's Realtime brain with real-time audio from headless
 * devices, and the transcripts land in the service's chat history.
 */
class VoiceEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final FakeOpenAi openAi = FakeOpenAi.start();
    private static final FakeRealtime realtime = openAi.realtime();
    @RegisterExtension
    static final VoiceService service = new VoiceService(openAi);

    private final WavVoiceAudio audio = WavVoiceAudio.tone();
    private final OkHttpClient http = new OkHttpClient();
    private final Recorder events = new Recorder();
    private VoiceSession session;

    @BeforeEach
    void connect() {
        realtime.reset();
        session = service.connect(() -> new WebSocketTransport(http, audio), events);
        awaitState(VoiceState.READY);
    }

    @AfterEach
    void close() {
        service.closeSession();
        audio.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void aPushToTalkTurnReachesTheModelIsPlayedAndLandsInTheHistory() {
        realtime.answer("Two meetings today.", Duration.ofMillis(800));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        assertThat(brain.turnDetection()).as("push-to-talk turned server detection off").isNull();

        talk(Duration.ofMillis(600));
        brain.awaitReceived("response.create", WAIT);

        assertThat(brain.voiceMillis()).as("mic audio reached the brain").isBetween(300L, 1_000L);
        List<String> turn = brain.receivedTypes();
        assertThat(turn.lastIndexOf("input_audio_buffer.append")).isLessThan(turn.indexOf("input_audio_buffer.commit"));
        assertThat(turn.indexOf("input_audio_buffer.commit")).isLessThan(turn.indexOf("response.create"));

        awaitState(VoiceState.SPEAKING);
        awaitState(VoiceState.READY);
        assertThat(audio.playedVoiceMillis()).as("DONNA's audio reached the speaker").isBetween(700L, 900L);

        Awaits.until(WAIT, "both transcripts saved", () -> events.chatId != null && history().size() == 2);
        List<ChatMessage> history = history();
        assertThat(history).extracting(ChatMessage::role).containsExactly("user", "assistant");
        assertThat(history.getFirst().content()).matches("I spoke for 0\\.[4-9] seconds\\.");
        assertThat(history.get(1).content()).isEqualTo("Two meetings today.");
        assertThat(history).extracting(ChatMessage::source).containsOnly("voice");
    }

    @Test
    void aPushToTalkTurnIsInTheVoiceEventsLogWithTimingsAndNoWords() {
        realtime.answer("Two meetings today.", Duration.ofMillis(800));
        realtime.awaitConversation(1, WAIT);
        talk(Duration.ofMillis(600));
        awaitState(VoiceState.SPEAKING);
        awaitState(VoiceState.READY);

        session.disconnect();
        Awaits.until(WAIT, "the session's events reported", () -> !service.eventSessions().isEmpty());
        assertThat(service.eventSessions()).as("one session id for the whole session").hasSize(1);
        String id = service.eventSessions().getFirst();
        Awaits.until(WAIT, "the ended event stored", () -> service.endedReported(id));

        JsonNode events = service.voiceEvents(id);
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("connected", "turn", "ended");
        assertThat(events).allMatch(e -> e.path("session_id").asText().equals(id));
        JsonNode connected = events.get(0).path("data");
        assertThat(connected.path("transport").asText()).isEqualTo("websocket");
        assertThat(connected.path("connect_ms").asLong()).isBetween(1L, WAIT.toMillis());
        JsonNode turn = events.get(1).path("data");
        assertThat(turn.path("transport").asText()).isEqualTo("websocket");
        assertThat(turn.path("release_to_first_audio_ms").asLong()).isBetween(1L, WAIT.toMillis());
        assertThat(turn.path("audio_ms").asLong()).as("her answer's audio, as played").isBetween(600L, 1_000L);
        assertThat(turn.path("interrupted").asBoolean()).isFalse();
        assertThat(events.get(2).path("data").path("turns").asInt()).isEqualTo(1);
        assertThat(events.toString()).as("no transcript text").doesNotContain("meetings", "spoke", "seconds");
    }

    @Test
    void bargeInStopsDonnaAndTruncatesToTheMillisecondsPlayed() {
        realtime.answer("A long answer that goes on and on for a while.", Duration.ofSeconds(4));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        talk(Duration.ofMillis(400));
        awaitState(VoiceState.SPEAKING);
        Awaits.until(WAIT, "a second of DONNA's audio played", () -> audio.playedVoiceMillis() >= 1_000);

        session.press();
        awaitState(VoiceState.LISTENING);
        long playedAtPress = audio.playedVoiceMillis();

        ReceivedEvent truncate = brain.awaitReceived("conversation.item.truncate", WAIT);
        long end = truncate.json().path("audio_end_ms").asLong();
        assertThat(end).isPositive().isBetween(playedAtPress - 100, playedAtPress + 100);
        Awaits.until(WAIT, "the brain applied the truncate", () -> brain.items().stream()
                .anyMatch(i -> i.truncatedAtMs() == end));
        long afterStop = audio.playedVoiceMillis();
        session.release(); // a silent press: ignored
        assertThat(audio.playedVoiceMillis()).as("the speaker went quiet").isLessThan(afterStop + 100);
        assertThat(brain.sentTypes()).doesNotContain("error");
    }

    @Test
    void aDroppedSocketReconnectsAndDonnaRemembersTheConversation() {
        realtime.hear("My name is Ada.").answer("Nice to meet you, Ada.", Duration.ofMillis(500));
        talk(Duration.ofMillis(400));
        Awaits.until(WAIT, "the first turn saved", () -> events.chatId != null && history().size() == 2);
        awaitState(VoiceState.READY);

        realtime.dropConnections();

        awaitState(VoiceState.RECONNECTING);
        awaitState(VoiceState.READY);
        FakeRealtimeConversation second = realtime.awaitConversation(2, WAIT);
        second.awaitReceived(e -> e.type().equals("conversation.item.create")
                && e.json().path("item").path("role").asText().equals("assistant"), "the restored answer", WAIT);
        assertThat(second.items()).extracting(ConversationItem::text)
                .containsExactly("My name is Ada.", "Nice to meet you, Ada.");

        realtime.answer("Your name is Ada.", Duration.ofMillis(400));
        talk(Duration.ofMillis(300));
        awaitState(VoiceState.SPEAKING);
        assertThat(second.items()).hasSize(4);
    }

    @Test
    void aReconnectAfterTheSecretsExpiredMintsAFreshOne() {
        Awaits.until(WAIT, "the spare secret minted", () -> realtime.secrets().size() == 2);
        int mintedBefore = realtime.secrets().size();
        realtime.expireSecretsNow();

        realtime.dropConnections();

        awaitState(VoiceState.RECONNECTING);
        awaitState(VoiceState.READY);
        assertThat(events.details).as("the expired spare was tried and refused")
                .anyMatch(d -> d != null && d.contains("HTTP 401"));
        assertThat(realtime.secrets().size()).as("a fresh secret was minted").isGreaterThan(mintedBefore);
        assertThat(realtime.conversations().getLast().isOpen()).isTrue();
    }

    private void talk(Duration held) {
        audio.talking(true);
        session.press();
        awaitState(VoiceState.LISTENING);
        FakeRealtimeConversation brain = realtime.conversations().getLast();
        brain.awaitVoice(held.toMillis(), WAIT);
        audio.talking(false);
        session.release();
    }

    private List<ChatMessage> history() {
        return service.history(events.chatId);
    }

    private void awaitState(VoiceState state) {
        Awaits.until(WAIT, state + " (states so far " + events.states + ", last detail " + events.detail + ")",
                () -> events.states.contains(state) && events.consume(state));
    }

    /** What the session reported; {@link #consume} lets a test wait for the next occurrence of a state. */
    private static final class Recorder implements VoiceSessionListener {
        final List<VoiceState> states = new CopyOnWriteArrayList<>();
        final List<VoiceTranscript> transcripts = new CopyOnWriteArrayList<>();
        final List<String> details = new CopyOnWriteArrayList<>();
        volatile String detail;
        volatile String chatId;

        synchronized boolean consume(VoiceState state) {
            int at = states.indexOf(state);
            if (at < 0) {
                return false;
            }
            states.subList(0, at + 1).clear();
            return true;
        }

        @Override
        public void onState(VoiceState state, String stateDetail) {
            detail = stateDetail;
            details.add(String.valueOf(stateDetail));
            states.add(state);
        }

        @Override
        public void onTranscript(VoiceTranscript transcript) {
            transcripts.add(transcript);
        }

        @Override
        public void onNotice(String message) {
        }

        @Override
        public void onChatSession(String id) {
            chatId = id;
        }
    }
}
