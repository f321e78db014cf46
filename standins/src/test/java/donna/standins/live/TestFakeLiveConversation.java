package donna.standins.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.standins.realtime.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fake Live session's events, driven directly (no threads): turns, transcripts, client delegation, errors. */
class TestFakeLiveConversation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final FakeLiveConversation live = FakeLiveConversation.standalone();

    @Test
    void startsWithTheResolvedSessionWhenTheChannelOpens() {
        open();

        assertThat(types()).containsExactly("session.started");
        assertThat(events.getFirst().path("session").path("id").asText()).isEqualTo("live_test");
        assertThat(events.getFirst().path("session").path("model").asText()).isEqualTo("gpt-live-1");
    }

    @Test
    void aTurnEndedByMutingIsTranscribedAndAnsweredWithVoiceAndTranscriptDeltas() {
        open();
        live.hear("What's on today?").answer("Two meetings and a call.");

        live.microphone(Tone.voice(400));
        live.receive("{\"type\":\"session.input_audio.mute\",\"event_id\":\"c1\"}");

        assertThat(types()).contains("session.input_audio.muted", "session.input_transcript.delta");
        assertThat(first("session.input_transcript.delta").path("delta").asText()).isEqualTo("What's on today?");
        assertThat(live.speaking()).isTrue();
        byte[] voice = drain();
        assertThat(voice.length).isGreaterThan(Tone.BYTES_PER_MS * 500);
        assertThat(spoken()).isEqualTo("Two meetings and a call.");
        assertThat(types().getLast()).isEqualTo("session.usage.updated");
        assertThat(live.speaking()).isFalse();
    }

    @Test
    void silenceAfterSpeechEndsATurnLikeServerTurnTaking() {
        open();
        live.hear("Hello");

        live.microphone(Tone.voice(300));
        live.microphone(new byte[(int) FakeLiveConversation.END_OF_TURN_SILENCE_MS * Tone.BYTES_PER_MS]);

        assertThat(live.userTurns()).containsExactly("Hello");
        assertThat(live.speaking()).isTrue();
    }

    @Test
    void clientDelegationWaitsForTheCommentaryResultThenSpeaksIt() {
        open();
        live.hear("Summarise my inbox").delegate();

        live.microphone(Tone.voice(400));
        live.receive("{\"type\":\"session.input_audio.mute\"}");

        JsonNode created = first("session.delegation.created");
        String id = created.path("delegation").path("id").asText();
        assertThat(created.path("delegation").path("target").asText()).isEqualTo("client");
        assertThat(created.path("delegation").has("task")).as("metadata only, no task text").isFalse();
        assertThat(live.speaking()).as("waits for the result").isFalse();

        live.receive("{\"type\":\"session.thinking.append\",\"delegation_id\":\"" + id
                + "\",\"content\":\"Reading the inbox.\"}");
        assertThat(live.speaking()).as("silent context does not answer").isFalse();

        live.receive("{\"type\":\"session.commentary.append\",\"event_id\":\"c9\",\"delegation_id\":\"" + id
                + "\",\"content\":\"You have two new mails.\"}");

        assertThat(first("session.commentary.appended").path("client_event_id").asText()).isEqualTo("c9");
        drain();
        assertThat(spoken()).isEqualTo("You have two new mails.");
    }

    @Test
    void badEventsAnswerAnErrorNamingTheClientsEvent() {
        open();

        live.receive("{\"type\":\"response.create\",\"event_id\":\"e1\"}");
        live.receive("{\"type\":\"session.commentary.append\",\"event_id\":\"e2\",\"delegation_id\":\"del_nope\","
                + "\"content\":\"x\"}");
        live.receive("{\"type\":\"session.commentary.append\",\"event_id\":\"e3\",\"content\":\"x\"}");
        live.receive("{\"type\":\"session.update\",\"event_id\":\"e4\",\"session\":{\"model\":\"other\"}}");
        live.receive("not json");

        List<JsonNode> errors = events.stream().filter(e -> e.path("type").asText().equals("error")).toList();
        assertThat(errors).hasSize(5);
        assertThat(errors.stream().map(e -> e.path("client_event_id").asText()).toList())
                .containsExactly("e1", "e2", "e3", "e4", "");
        assertThat(errors.get(1).path("error").path("param").asText()).isEqualTo("delegation_id");
        assertThat(errors.get(2).path("error").path("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(errors.get(3).path("error").path("param").asText()).isEqualTo("session.model");
    }

    @Test
    void speechOverItsAnswerInterruptsIt() {
        open();
        live.answer("A very long answer that goes on and on and on.");
        live.microphone(Tone.voice(300));
        live.receive("{\"type\":\"session.input_audio.mute\"}");
        live.receive("{\"type\":\"session.input_audio.unmute\"}");
        live.speak(Tone.BYTES_PER_MS * 200);

        live.microphone(Tone.voice(100));

        assertThat(live.speaking()).isFalse();
    }

    private void open() {
        live.open(text -> {
            try {
                events.add(JSON.readTree(text));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private byte[] drain() {
        List<byte[]> chunks = new ArrayList<>();
        int total = 0;
        while (live.speaking()) {
            byte[] c = live.speak(Tone.BYTES_PER_MS * 20);
            chunks.add(c);
            total += c.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }

    private String spoken() {
        StringBuilder b = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("session.output_transcript.delta"))
                .forEach(e -> b.append(e.path("delta").asText()));
        return b.toString();
    }

    private JsonNode first(String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + types()));
    }

    private List<String> types() {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }
}
