package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A session over a path through the companion service (the relay, the batch path): nothing is minted, a secret
 * minted for a path that fell through is ended unused, the turns are shown and remembered but not saved again (the
 * batch path's service keeps them), and what the transport reports for the person reaches the listener.
 */
class TestVoiceSessionServicePaths {

    @Test
    void noSecretIsMintedAndTheTranscriptsAreShownButNotSavedAgain() {
        VoiceHarness h = new VoiceHarness();
        h.servicePath = true;
        FakeTransport t = h.connected();

        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.minted).as("the relay and the batch path use the service's credentials").isEmpty();
        assertThat(t.request.clientSecret()).isEmpty();

        h.talk(Duration.ofMillis(600), 0.2);
        h.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\","
                + "\"transcript\":\"Anything new?\"}");
        h.answerStarts("r1", "a1", "Nothing ", "new.");
        h.answerEnds("r1", "a1", "Nothing new.");

        assertThat(h.transcripts).filteredOn(VoiceTranscript::done).extracting(VoiceTranscript::text)
                .containsExactly("Anything new?", "Nothing new.");
        assertThat(h.saves).as("the service kept the turn itself").isEmpty();
        assertThat(h.minted).as("no spare secret either").isEmpty();
    }

    @Test
    void theTransportsChatToolsCardsAndNoticesReachTheListener() {
        VoiceHarness h = new VoiceHarness();
        h.servicePath = true;
        FakeTransport t = h.connected();

        t.listener.onChatSession("chat-9");
        t.listener.onToolStep(new ToolStep("c1", "search_mail", ToolStep.Status.DONE, "Searched mail: 3 found"));
        t.listener.onToolAction(new ToolAction(null, null, "draft_ready", "{\"draft\":{}}"));
        t.listener.onNotice("DONNA heard nothing: speak while you hold the key.");
        t.listener.onPath("Using the batch path.");
        h.scheduler.runPending();

        assertThat(h.chatSession).isEqualTo("chat-9");
        assertThat(t.listener.chatId()).as("the next turn goes into that chat").isEqualTo("chat-9");
        assertThat(h.steps).extracting(ToolStep::summary).containsExactly("Searched mail: 3 found");
        assertThat(h.actions).extracting(ToolAction::type).containsExactly("draft_ready");
        assertThat(h.notices).containsExactly("DONNA heard nothing: speak while you hold the key.");
    }

    @Test
    void aSecretMintedForAPathThatFellThroughToTheServiceIsEndedUnused() {
        VoiceHarness h = new VoiceHarness();
        h.metering = true;
        h.servicePath = true;
        h.factoryWantsSecret = true; // WebRTC was first in line: a secret was minted, then the relay connected
        h.connected();

        assertThat(h.minted).hasSize(1);
        assertThat(h.meterReports).as("its metered session ended; the relay meters its own")
                .containsExactly("end vs-1");
        h.scheduler.advance(VoiceMeter.INTERVAL.multipliedBy(2));
        assertThat(h.meterReports).as("no heartbeats for it").containsExactly("end vs-1");
    }
}
