package donna.audio.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.Signals;
import donna.audio.pcm.WavSource;
import donna.core.voice.RealtimeConnectRequest;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.WebRtcPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The headless microphone over a real WebRTC call on this machine: the far side hears the file only while live. */
class TestFedMicrophone {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theFarSideHearsTheFileOnlyWhileTheMicrophoneIsLive() {
        WavSource speech = WavSource.of(Signals.tone(440, PcmFormat.SAMPLE_RATE, 600, 0.5));
        try (FakeOpenAi openai = FakeOpenAi.start();
                WebRtcTransport transport = new WebRtcTransport(WebRtcRuntime.start(AudioBackend.HEADLESS), speech,
                        null)) {
            openai.realtime().callsHandler(new WebRtcPeer());
            String secret = openai.realtime().mint(new ObjectMapper().createObjectNode()).body().path("value")
                    .asText();
            transport.connect(new RealtimeConnectRequest(openai.baseUrl(), "gpt-realtime", secret, WAIT),
                    new RecordingListener());
            FakeRealtimeConversation far = openai.realtime().awaitConversation(1, WAIT);

            await().atMost(WAIT).until(() -> far.microphoneMillis() >= 500);
            assertThat(far.voiceMillis()).as("only silence while the key is up").isZero();
            assertThat(transport.inputLevel()).isZero();

            transport.setMicrophoneLive(true);
            far.awaitVoice(200, WAIT);
            assertThat(transport.inputLevel()).as("the meter shows the tone at -9 dBFS").isBetween(0.8, 0.9);
            await().atMost(WAIT).until(speech::exhausted);
            transport.setMicrophoneLive(false);
            long heardAtRelease = far.microphoneMillis();
            await().atMost(WAIT).until(() -> far.microphoneMillis() - heardAtRelease >= 500);

            // Opus and the jitter buffer smear the edges a little; the body of the tone arrives whole, once.
            assertThat(far.voiceMillis()).isBetween(550L, 800L);
            // Measured; how fast is the voice bench's figure (a loaded CI machine saw 231 ms).
            assertThat(transport.pressToLiveNanos()).isNotNegative();
        }
    }
}
