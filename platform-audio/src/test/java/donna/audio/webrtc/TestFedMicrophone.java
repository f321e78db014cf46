package donna.audio.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.Signals;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The headless microphone over a real WebRTC call in this process: the far side hears the file only while live. */
class TestFedMicrophone {
    private final WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.HEADLESS);

    @Test
    void theFarSideHearsTheFileOnlyWhileTheMicrophoneIsLive() throws Exception {
        WavSource speech = WavSource.of(Signals.tone(440, PcmFormat.SAMPLE_RATE, 600, 0.5));
        WavRecorder heard = new WavRecorder();
        CountDownLatch firstSound = new CountDownLatch(1);
        PlaybackTap tap = new PlaybackTap(firstSound::countDown, heard);

        try (Microphone mic = runtime.microphone("mic-test", speech);
                LoopbackCall call = new LoopbackCall(runtime.factory(), mic.track(), tap)) {
            long before = call.framesHeard.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> call.framesHeard.get() - before >= 50);
            assertThat(tap.playedMillis()).as("nothing heard while the key is up").isZero();
            assertThat(mic.level()).isZero();

            tap.armFirstSound();
            mic.setLive(true);
            assertThat(firstSound.await(5, TimeUnit.SECONDS)).as("the first sound reached the far side").isTrue();
            assertThat(mic.level()).as("the meter shows the tone at -9 dBFS").isBetween(0.8, 0.9);
            await().atMost(Duration.ofSeconds(10)).until(speech::exhausted);
            mic.setLive(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.millis() >= 550);

            assertThat(mic.pressToLiveNanos()).isBetween(0L, TimeUnit.MILLISECONDS.toNanos(20));
            long framesAtRelease = call.framesHeard.get();
            await().atMost(Duration.ofSeconds(10)).until(() -> call.framesHeard.get() - framesAtRelease >= 100);
            // Opus and the jitter buffer smear the edges a little; the body of the tone arrives whole.
            assertThat(heard.millis()).isBetween(550L, 750L);
            assertThat(tap.playedMillis()).isEqualTo(heard.millis());
        }
    }
}
