package donna.audio.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import donna.audio.pcm.PcmFormat;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.Signals;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.core.voice.Pcm16;
import donna.core.voice.VoiceAudio;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket transport's devices on WebRTC's platform audio, headless: a fed microphone comes out at the API's
 * 24 kHz with its pitch and level intact, DONNA's 24 kHz audio is pulled by WebRTC's playout clock in real time and
 * reaches the speaker at 48 kHz, and the played count is what was really pulled. Plus the resampler itself.
 */
class TestWebRtcVoiceAudio {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void theResamplerKeepsSpeechAndRemovesWhatTwentyFourKilohertzCannotCarry() {
        assertThat(rmsAfterDownsample(1_000)).as("a 1 kHz tone keeps its level (0.5 of full scale)")
                .isBetween(0.45 * 0.707, 0.55 * 0.707);
        assertThat(rmsAfterDownsample(15_000)).as("15 kHz would alias to 9 kHz: filtered out instead")
                .isLessThan(0.001);
        try (PcmResampler up = new PcmResampler(24_000, 48_000)) {
            short[] tone = Signals.tone(1_000, 24_000, 200, 0.5);
            short[] out = new short[9_600];
            for (int f = 0; f < 20; f++) {
                short[] at48 = samples(up.convert(PcmFormat.bytes(tone, f * 240, 240)));
                assertThat(at48).hasSize(480);
                System.arraycopy(at48, 0, out, f * 480, 480);
            }
            assertThat(Signals.crossingsPerSecond(out, 960, out.length, 48_000)).as("still 1 kHz at 48 kHz")
                    .isBetween(1_950.0, 2_050.0);
        }
    }

    @Test
    void theFedMicrophoneArrivesAtTwentyFourKilohertzInRealTime() {
        WavSource tone = WavSource.of(Signals.tone(440, PcmFormat.SAMPLE_RATE, 400, 0.5));
        Frames frames = new Frames();
        try (WebRtcVoiceAudio audio = WebRtcVoiceAudio.fed(tone, null)) {
            long started = System.nanoTime();
            audio.start(frames);
            await().atMost(WAIT).until(tone::exhausted);
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(elapsedMillis).as("paced at 10 ms a frame, not as fast as possible").isGreaterThan(300);
        }
        short[] heard = samples(frames.microphone());
        assertThat(frames.microphoneFrameSizes()).as("10 ms at 24 kHz each").containsOnly(480);
        int voiced = 0;
        for (int at = 0; at + 240 <= heard.length; at += 240) {
            if (!Pcm16.silent(PcmFormat.bytes(heard, at, 240))) {
                voiced += 10;
            }
        }
        assertThat(voiced).as("milliseconds of tone heard").isBetween(380, 420);
        int start = firstLoud(heard);
        assertThat(Signals.crossingsPerSecond(heard, start + 240, start + 7_200, VoiceAudio.SAMPLE_RATE))
                .as("the pitch survived the resampling").isBetween(860.0, 900.0);
    }

    @Test
    void queuedAudioIsPlayedInRealTimeCountedAndClearedOnBargeIn() throws Exception {
        WavRecorder speaker = new WavRecorder();
        Frames frames = new Frames();
        try (WebRtcVoiceAudio audio = WebRtcVoiceAudio.fed(PcmSource.silence(), speaker)) {
            audio.start(frames);
            byte[] answer = PcmFormat.bytes(Signals.tone(300, VoiceAudio.SAMPLE_RATE, 300, 0.4), 0, 7_200);
            long queued = System.nanoTime();
            audio.play(answer);
            await().atMost(WAIT).until(() -> audio.playedMillis() >= 300);
            assertThat((System.nanoTime() - queued) / 1_000_000).as("played at the speaker's pace").isGreaterThan(250);
            assertThat(frames.playedBytes()).isEqualTo(answer.length);
            assertThat(speaker.millis()).isEqualTo(300);
            speaker.writeTo(dir.resolve("played.wav"));
            short[] played = Signals.drain(WavSource.open(dir.resolve("played.wav")));
            assertThat(Pcm16.level(PcmFormat.bytes(played, 960, 9_600))).as("the tone's level at 48 kHz")
                    .isBetween(0.25, 0.32);

            audio.play(PcmFormat.bytes(Signals.tone(300, VoiceAudio.SAMPLE_RATE, 5_000, 0.4), 0, 120_000));
            await().atMost(WAIT).until(() -> audio.playedMillis() >= 500);
            audio.clearPlayback();
            long atClear = audio.playedMillis();
            long recordedAtClear = speaker.millis();
            int micFramesAtClear = frames.microphoneFrames();
            await().atMost(WAIT).until(() -> frames.microphoneFrames() >= micFramesAtClear + 30); // 300 ms later
            assertThat(audio.playedMillis()).as("nothing more played after the clear").isBetween(atClear, atClear + 10);
            assertThat(speaker.millis()).isBetween(recordedAtClear, recordedAtClear + 10);
        }
    }

    private static double rmsAfterDownsample(double hz) {
        short[] tone = Signals.tone(hz, 48_000, 500, 0.5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcmResampler down = new PcmResampler(48_000, 24_000)) {
            for (int f = 0; f < 50; f++) {
                byte[] frame = down.convert(PcmFormat.bytes(tone, f * 480, 480));
                assertThat(frame).hasSize(480);
                out.write(frame, 0, frame.length);
            }
        }
        byte[] all = out.toByteArray();
        return Pcm16.level(java.util.Arrays.copyOfRange(all, 960, all.length)); // after the filter's start
    }

    private static short[] samples(byte[] pcm) {
        short[] out = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private static int firstLoud(short[] samples) {
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) > 1_000) {
                return i;
            }
        }
        return 0;
    }

    /** What the devices reported. */
    private static final class Frames implements VoiceAudio.Listener {
        private final ByteArrayOutputStream microphone = new ByteArrayOutputStream();
        private final java.util.Set<Integer> sizes = new java.util.concurrent.ConcurrentSkipListSet<>();
        private long played;
        private int microphoneFrames;

        @Override
        public synchronized void onMicrophoneFrame(byte[] pcm) {
            sizes.add(pcm.length);
            microphoneFrames++;
            microphone.write(pcm, 0, pcm.length);
        }

        @Override
        public synchronized void onPlayed(byte[] pcm) {
            played += pcm.length;
        }

        synchronized byte[] microphone() {
            return microphone.toByteArray();
        }

        java.util.Set<Integer> microphoneFrameSizes() {
            return sizes;
        }

        synchronized long playedBytes() {
            return played;
        }

        synchronized int microphoneFrames() {
            return microphoneFrames;
        }
    }
}
