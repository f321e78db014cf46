package donna.standins.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.voice.Pcm16;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFakeRealtimeConversation {
    private static final String PUSH_TO_TALK = """
            {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""";
    private static final String HANDS_FREE = """
            {"type":"session.update","session":{"type":"realtime","audio":{"input":
             {"turn_detection":{"type":"server_vad","silence_duration_ms":300}}}}}""";

    private final List<String> out = new ArrayList<>();

    private FakeRealtimeConversation open(AudioPath path) {
        FakeRealtimeConversation c = FakeRealtimeConversation.standalone(path);
        c.open(out::add);
        return c;
    }

    @Test
    void opensWithServerVadLikeTheApiAndPushToTalkTurnsItOff() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        assertThat(c.sentTypes()).containsExactly("session.created");
        assertThat(c.turnDetection()).isEqualTo("server_vad");

        c.receive(PUSH_TO_TALK);

        assertThat(c.sentTypes()).containsExactly("session.created", "session.updated");
        assertThat(c.turnDetection()).isNull();
        assertThat(c.sent().getLast().path("session").path("audio").path("input").get("turn_detection").isNull())
                .isTrue();
        assertThat(out).hasSize(2);
    }

    @Test
    void aSessionUpdateWithoutTheRealtimeTypeIsAnError() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.receive("{\"type\":\"session.update\",\"event_id\":\"c1\",\"session\":{\"instructions\":\"x\"}}");

        JsonNode error = c.sent().getLast();
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("param").asText()).isEqualTo("session.type");
        assertThat(error.path("error").path("event_id").asText()).isEqualTo("c1");
    }

    @Test
    void aPushToTalkTurnOverEventsHearsTheUserAndSpeaksTone() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.receive(PUSH_TO_TALK);
        c.receive(Pcm.append(Pcm.voice(1000)));
        c.receive(Pcm.append(Pcm.silence(200)));
        c.receive("{\"type\":\"input_audio_buffer.commit\"}");

        assertThat(c.voiceMillis()).isEqualTo(1000);
        assertThat(c.microphoneMillis()).isEqualTo(1200);
        assertThat(c.firstVoiceAt()).isNotNull();
        assertThat(c.sentTypes()).endsWith("input_audio_buffer.committed", "conversation.item.added",
                "conversation.item.input_audio_transcription.completed");
        assertThat(c.sent().getLast().path("transcript").asText()).isEqualTo("I spoke for 1.0 seconds.");

        c.receive("{\"type\":\"response.create\"}");
        assertThat(c.speaking()).isTrue();
        String itemId = c.sent().stream().filter(e -> e.path("type").asText().equals("response.output_item.added"))
                .findFirst().orElseThrow().path("item").path("id").asText();

        ByteCount audio = new ByteCount();
        while (c.speaking()) {
            byte[] chunk = c.speak(960 * 5);
            audio.add(chunk);
        }

        List<String> types = c.sentTypes();
        assertThat(types).contains("response.created", "response.output_item.added", "response.output_audio.delta",
                "response.output_audio_transcript.delta", "response.output_audio_transcript.done", "response.done");
        assertThat(types).doesNotContain("output_audio_buffer.started", "output_audio_buffer.stopped");
        assertThat(types.indexOf("response.done")).isGreaterThan(types.lastIndexOf("response.output_audio.delta"));
        assertThat(audio.loud).isTrue();
        long deltaBytes = c.sent().stream().filter(e -> e.path("type").asText().equals("response.output_audio.delta"))
                .mapToLong(e -> Base64.getDecoder().decode(e.path("delta").asText()).length).sum();
        assertThat(deltaBytes).isEqualTo(audio.bytes);
        String transcript = transcriptDone(c);
        assertThat(transcript).startsWith("This is DONNA's demo voice.").contains("I spoke for 1.0 seconds.");
        assertThat(c.sent().getLast().path("response").path("status").asText()).isEqualTo("completed");
        assertThat(c.items()).extracting(ConversationItem::role).containsExactly("user", "assistant");
        assertThat(c.items().get(1).id()).isEqualTo(itemId);
    }

    @Test
    void committingLessThan100MillisecondsIsRefused() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.receive(PUSH_TO_TALK);
        c.receive(Pcm.append(Pcm.voice(60)));
        c.receive("{\"type\":\"input_audio_buffer.commit\"}");

        assertThat(c.sent().getLast().path("error").path("code").asText()).isEqualTo("input_audio_buffer_commit_empty");
        assertThat(c.items()).isEmpty();
    }

    @Test
    void overMediaAudioIsPulledAtPlaybackPaceWithOutputBufferEvents() {
        FakeRealtimeConversation c = open(AudioPath.MEDIA);
        assertThat(Pcm16.silent(c.speak(480))).as("silence while idle").isTrue();
        c.receive("{\"type\":\"response.create\"}");

        byte[] first = c.speak(480);
        assertThat(first).hasSize(480);
        assertThat(Pcm16.silent(first)).isFalse();
        assertThat(c.sentTypes()).contains("output_audio_buffer.started").doesNotContain("response.output_audio.delta");
        while (c.speaking()) {
            assertThat(c.speak(480)).hasSize(480);
        }
        assertThat(c.sentTypes()).endsWith("response.done", "output_audio_buffer.stopped");
    }

    @Test
    void bargeInCancelsAndTruncatesToWhatWasHeard() {
        FakeRealtimeConversation c = open(AudioPath.MEDIA);
        c.script().answer(new RealtimeScript.Answer("One two three four five six seven eight.", Duration.ofMillis(2000)));
        c.receive("{\"type\":\"response.create\"}");
        c.speak(48 * 500); // half a second heard
        String itemId = c.items().getLast().id();

        c.receive("{\"type\":\"response.cancel\"}");
        c.receive("{\"type\":\"output_audio_buffer.clear\"}");
        c.receive("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId
                + "\",\"content_index\":0,\"audio_end_ms\":500}");

        JsonNode done = c.sent().stream().filter(e -> e.path("type").asText().equals("response.done")).findFirst()
                .orElseThrow();
        assertThat(done.path("response").path("status").asText()).isEqualTo("cancelled");
        assertThat(c.sentTypes()).contains("output_audio_buffer.cleared").endsWith("conversation.item.truncated");
        assertThat(c.sent().getLast().path("audio_end_ms").asLong()).isEqualTo(500);
        assertThat(c.items().getLast().truncatedAtMs()).isEqualTo(500);
        assertThat(c.items().getLast().text()).isEqualTo("One two");
        assertThat(Pcm16.silent(c.speak(480))).as("quiet after the barge-in").isTrue();
    }

    @Test
    void truncatesAtZeroOrPastTheAudioAndCancelsWithNothingToCancelAreErrors() {
        FakeRealtimeConversation c = open(AudioPath.MEDIA);
        c.script().answer(new RealtimeScript.Answer("Short.", Duration.ofMillis(600)));
        c.receive("{\"type\":\"response.create\"}");
        while (c.speaking()) {
            c.speak(4800);
        }
        String itemId = c.items().getLast().id();

        c.receive("{\"type\":\"response.cancel\"}");
        assertThat(c.sent().getLast().path("error").path("code").asText()).isEqualTo("response_cancel_not_active");
        c.receive("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId + "\",\"audio_end_ms\":0}");
        assertThat(c.sent().getLast().path("error").path("param").asText()).isEqualTo("audio_end_ms");
        c.receive("{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId + "\",\"audio_end_ms\":5000}");
        assertThat(c.sent().getLast().path("error").path("message").asText()).contains("shorter than 5000ms");
        c.receive("{\"type\":\"conversation.item.truncate\",\"item_id\":\"nope\",\"audio_end_ms\":10}");
        assertThat(c.sent().getLast().path("error").path("param").asText()).isEqualTo("item_id");
    }

    @Test
    void outputAudioBufferClearExistsOnlyForWebRtc() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.receive("{\"type\":\"output_audio_buffer.clear\"}");

        assertThat(c.sent().getLast().path("type").asText()).isEqualTo("error");
    }

    @Test
    void restoredItemsAreRememberedAndWrongContentTypesRefused() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.receive("""
                {"type":"conversation.item.create","item":{"type":"message","role":"user",
                 "content":[{"type":"input_text","text":"My name is Ada."}]}}""");
        c.receive("""
                {"type":"conversation.item.create","item":{"type":"message","role":"assistant",
                 "content":[{"type":"output_text","text":"Nice to meet you, Ada."}]}}""");
        c.receive("""
                {"type":"conversation.item.create","item":{"type":"message","role":"assistant",
                 "content":[{"type":"input_text","text":"wrong"}]}}""");

        assertThat(c.sent().getLast().path("error").path("param").asText()).isEqualTo("item.content.type");
        assertThat(c.items()).extracting(ConversationItem::text)
                .containsExactly("My name is Ada.", "Nice to meet you, Ada.");
        assertThat(c.items()).allMatch(ConversationItem::restored);

        c.receive("{\"type\":\"response.create\"}");
        assertThat(c.items().getLast().text()).contains("I remember 2 earlier messages");
    }

    @Test
    void handsFreeDetectsTurnsAndSpeechInterruptsDonna() {
        FakeRealtimeConversation c = open(AudioPath.MEDIA);
        c.receive(HANDS_FREE);
        c.microphone(Pcm.silence(200));
        c.microphone(Pcm.voice(800));
        assertThat(c.sentTypes()).contains("input_audio_buffer.speech_started").doesNotContain("response.created");
        for (int i = 0; i < 15; i++) {
            c.microphone(Pcm.silence(20));
        }
        assertThat(c.sentTypes()).contains("input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
                "conversation.item.input_audio_transcription.completed", "response.created");
        c.speak(4800);
        assertThat(c.speaking()).isTrue();

        c.microphone(Pcm.voice(100));

        assertThat(c.speaking()).as("the user's speech stopped DONNA").isFalse();
        JsonNode done = c.sent().stream().filter(e -> e.path("type").asText().equals("response.done")).findFirst()
                .orElseThrow();
        assertThat(done.path("response").path("status_details").path("reason").asText()).isEqualTo("turn_detected");
    }

    @Test
    void unknownOrBrokenEventsAnswerErrorsAndAreRecorded() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.receive("{\"type\":\"session.teleport\",\"event_id\":\"c9\"}");
        assertThat(c.sent().getLast().path("error").path("param").asText()).isEqualTo("type");
        assertThat(c.sent().getLast().path("error").path("event_id").asText()).isEqualTo("c9");
        c.receive("not json");
        assertThat(c.sent().getLast().path("error").path("code").asText()).isEqualTo("invalid_json");
        assertThat(c.receivedTypes()).containsExactly("session.teleport", "");
    }

    @Test
    void nothingIsEmittedAfterTheConnectionClosed() {
        FakeRealtimeConversation c = open(AudioPath.EVENTS);
        c.closed();
        c.receive("{\"type\":\"response.create\"}");

        assertThat(out).hasSize(1);
        assertThat(c.isClosed()).isTrue();
    }

    private static String transcriptDone(FakeRealtimeConversation c) {
        return c.sent().stream().filter(e -> e.path("type").asText().equals("response.output_audio_transcript.done"))
                .findFirst().orElseThrow().path("transcript").asText();
    }

    private static final class ByteCount {
        long bytes;
        boolean loud;

        void add(byte[] chunk) {
            bytes += chunk.length;
            loud |= chunk.length > 0 && !Pcm16.silent(chunk);
        }
    }
}
