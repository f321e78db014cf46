package donna.core.voice.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.core.voice.protocol.ClientEvent;
import donna.core.voice.protocol.RealtimeProtocol;
import donna.core.voice.protocol.ServerEvent;
import donna.core.voice.protocol.SessionConfig;
import donna.core.voice.protocol.TurnDetection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live's events to the session's and back: what a VoiceSession sees of a Live connection. */
class TestLiveEventCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LiveEventCodec codec = new LiveEventCodec();

    @Test
    void aSessionUpdateIsConfirmedOnceLiveHasStartedAndNothingGoesToLive() {
        LiveEventCodec.Outgoing early = codec.outgoing(RealtimeProtocol.write(new ClientEvent.SessionUpdate(
                new SessionConfig(TurnDetection.NONE, null, null))));
        assertThat(early.toLive()).as("Live's config is fixed at creation").isEmpty();
        assertThat(early.toSession()).isEmpty();

        List<ServerEvent> started = parse(codec.incoming("{\"type\":\"session.started\",\"session\":{\"id\":\"live_1\"}}"));

        assertThat(started).containsExactly(new ServerEvent.SessionCreated("live_1"),
                new ServerEvent.SessionUpdated(null, null));
    }

    @Test
    void aSpokenTurnAndAnAnswerLookLikeARealtimeTurn() {
        codec.incoming("{\"type\":\"session.started\",\"session\":{\"id\":\"live_1\"}}");
        List<String> toLive = codec.outgoing(RealtimeProtocol.write(new ClientEvent.CommitAudio())).toLive();
        assertThat(type(toLive.getFirst())).isEqualTo("session.input_audio.mute");
        assertThat(codec.outgoing(RealtimeProtocol.write(new ClientEvent.CreateResponse())).toLive()).isEmpty();

        codec.incoming(delta("session.input_transcript.delta", "What's on "));
        codec.incoming(delta("session.input_transcript.delta", "today?"));
        List<ServerEvent> answer = parse(codec.incoming(delta("session.output_transcript.delta", "Two meetings.")));
        List<ServerEvent> end = parse(codec.incoming("{\"type\":\"session.usage.updated\",\"usage\":{}}"));

        assertThat(answer).filteredOn(ServerEvent.InputTranscript.class::isInstance).singleElement()
                .extracting(e -> ((ServerEvent.InputTranscript) e).transcript()).isEqualTo("What's on today?");
        assertThat(answer).hasAtLeastOneElementOfType(ServerEvent.AudioCommitted.class)
                .hasAtLeastOneElementOfType(ServerEvent.ResponseCreated.class)
                .hasAtLeastOneElementOfType(ServerEvent.PlaybackStarted.class);
        assertThat(answer.getLast()).isInstanceOf(ServerEvent.TranscriptDelta.class);
        assertThat(end).hasSize(3);
        assertThat(end.get(1)).isInstanceOfSatisfying(ServerEvent.ResponseDone.class,
                d -> assertThat(d.status()).isEqualTo("completed"));
        assertThat(end.get(2)).isInstanceOf(ServerEvent.PlaybackStopped.class);

        List<String> press = codec.outgoing(RealtimeProtocol.write(new ClientEvent.ClearAudio())).toLive();
        assertThat(type(press.getFirst())).isEqualTo("session.input_audio.unmute");
    }

    @Test
    void aDelegationIsAFunctionCallWithThePersonsWordsAndItsOutputGoesBackAsCommentary() throws Exception {
        codec.incoming(delta("session.input_transcript.delta", "Summarise my inbox"));
        List<ServerEvent> events = parse(codec.incoming("{\"type\":\"session.delegation.created\",\"offset_ms\":900,"
                + "\"delegation\":{\"id\":\"del_7\",\"type\":\"delegation\",\"target\":\"client\"}}"));

        ServerEvent.ResponseDone done = (ServerEvent.ResponseDone) events.stream()
                .filter(ServerEvent.ResponseDone.class::isInstance).findFirst().orElseThrow();
        ServerEvent.FunctionCallDone call = done.calls().getFirst();
        assertThat(call.name()).isEqualTo(LiveEventCodec.DELEGATION_TOOL);
        assertThat(call.callId()).isEqualTo("del_7");
        assertThat(JSON.readTree(call.arguments()).path("request").asText()).isEqualTo("Summarise my inbox");

        List<String> result = codec.outgoing(RealtimeProtocol.write(new ClientEvent.FunctionCallOutput("del_7",
                "{\"reply\":\"You have two new mails.\"}"))).toLive();
        JsonNode commentary = JSON.readTree(result.getFirst());
        assertThat(commentary.path("type").asText()).isEqualTo("session.commentary.append");
        assertThat(commentary.path("delegation_id").asText()).isEqualTo("del_7");
        assertThat(commentary.path("content").asText()).isEqualTo("You have two new mails.");
    }

    @Test
    void aDelegatedTurnsWordsComeAfterTheCallThatCarriesThem() {
        codec.incoming(delta("session.input_transcript.delta", "Summarise my inbox"));
        List<ServerEvent> events = parse(codec.incoming("{\"type\":\"session.delegation.created\","
                + "\"delegation\":{\"id\":\"del_7\",\"type\":\"delegation\",\"target\":\"client\"}}"));

        List<Class<?>> order = events.stream().<Class<?>>map(Object::getClass).toList();
        assertThat(order).containsSubsequence(ServerEvent.AudioCommitted.class, ServerEvent.ResponseDone.class,
                ServerEvent.InputTranscript.class);
        assertThat(events.getLast()).isInstanceOfSatisfying(ServerEvent.InputTranscript.class,
                t -> assertThat(t.transcript()).isEqualTo("Summarise my inbox"));
    }

    @Test
    void aPressWhileDonnaSpeaksDropsWhatLiveStillSaysOfThatAnswerUntilThePersonsTurn() {
        codec.incoming(delta("session.output_transcript.delta", "Once upon "));
        assertThat(codec.answers()).isEqualTo(1);

        List<String> cut = codec.outgoing(RealtimeProtocol.write(new ClientEvent.ClearAudio())).toSession();
        assertThat(parse(cut)).hasAtLeastOneElementOfType(ServerEvent.PlaybackCleared.class);
        assertThat(codec.interrupted()).isTrue();
        assertThat(codec.incoming(delta("session.output_transcript.delta", "a time"))).as("the rest: dropped")
                .isEmpty();
        assertThat(codec.incoming("{\"type\":\"session.usage.updated\",\"usage\":{}}")).isEmpty();

        LiveEventCodec.Outgoing release = codec.outgoing(RealtimeProtocol.write(new ClientEvent.CommitAudio()));
        assertThat(release.turnEnded()).isTrue();
        assertThat(codec.interrupted()).isFalse();
        codec.incoming(delta("session.input_transcript.delta", "Stop"));
        List<ServerEvent> next = parse(codec.incoming(delta("session.output_transcript.delta", "Okay.")));
        assertThat(next).hasAtLeastOneElementOfType(ServerEvent.ResponseCreated.class);
        assertThat(codec.answers()).isEqualTo(2);
    }

    @Test
    void aFailedToolSaysSoAndNothingWasDone() {
        assertThat(LiveEventCodec.commentary("{\"error\":{\"code\":\"gmail_not_connected\",\"message\":\"Gmail is not "
                + "connected\"}}")).isEqualTo("That did not work: Gmail is not connected. Nothing was done.");
        assertThat(LiveEventCodec.commentary("x".repeat(5_000))).hasSize(LiveEventCodec.MAX_COMMENTARY_CHARS);
    }

    @Test
    void thePersonTalkingOverAnAnswerEndsItAsCutOffAndRestoredMessagesBecomeSilentContext() throws Exception {
        codec.incoming(delta("session.output_transcript.delta", "A long answer"));
        List<ServerEvent> cut = parse(codec.incoming(delta("session.input_transcript.delta", "Stop")));
        assertThat(cut).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ServerEvent.ResponseDone.class,
                d -> assertThat(d.status()).isEqualTo("cancelled")));
        assertThat(cut).hasAtLeastOneElementOfType(ServerEvent.PlaybackCleared.class);

        for (ClientEvent dropped : List.of(new ClientEvent.CancelResponse(null), new ClientEvent.ClearOutputAudio(),
                new ClientEvent.TruncateItem("i", 0, 100))) {
            assertThat(codec.outgoing(RealtimeProtocol.write(dropped)).toLive()).isEmpty();
        }
        List<String> context = codec.outgoing(RealtimeProtocol.write(new ClientEvent.CreateMessage(
                ClientEvent.Role.USER, "Call Ada tomorrow"))).toLive();
        JsonNode thinking = JSON.readTree(context.getFirst());
        assertThat(thinking.path("type").asText()).isEqualTo("session.thinking.append");
        assertThat(thinking.get("delegation_id").isNull()).isTrue();
        assertThat(thinking.path("content").asText()).contains("Call Ada tomorrow");
    }

    private static String delta(String type, String text) {
        return JSON.createObjectNode().put("type", type).put("delta", text).put("start_ms", 0).put("end_ms", 10)
                .toString();
    }

    private static List<ServerEvent> parse(List<String> events) {
        return events.stream().map(RealtimeProtocol::parse).toList();
    }

    private static String type(String json) {
        try {
            return JSON.readTree(json).path("type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
