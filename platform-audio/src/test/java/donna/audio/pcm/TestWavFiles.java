package donna.audio.pcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import donna.core.voice.Pcm16;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestWavFiles {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} Hz, {1} channel(s)")
    @CsvSource({"8000,1", "16000,2", "22050,1", "24000,1", "44100,2", "48000,1", "48000,2"})
    void anyCommonWavBecomes48kHzMonoWithItsLengthAndPitchKept(int rate, int channels) throws IOException {
        Path wav = Signals.toneWav(dir.resolve("in.wav"), 440, rate, channels, 1000);

        WavSource source = WavSource.open(wav);
        short[] pcm = Signals.drain(source);

        assertThat(source.durationMillis()).isBetween(990L, 1010L);
        assertThat(source.soundMillis()).isBetween(980L, 1010L);
        assertThat(pcm.length % PcmFormat.SAMPLES_PER_FRAME).isZero();
        // 440 Hz is 880 zero crossings a second, whatever the file's rate was.
        assertThat(Signals.crossingsPerSecond(pcm, 4800, 43200, PcmFormat.SAMPLE_RATE)).isCloseTo(880, within(15.0));
        assertThat(Pcm16.level(PcmFormat.bytes(pcm, 0, 43200))).isCloseTo(0.5 / Math.sqrt(2), within(0.05));
    }

    @Test
    void anExhaustedSourceGivesSilenceAndCanBeRewound() {
        WavSource source = WavSource.of(Signals.tone(440, PcmFormat.SAMPLE_RATE, 15, 0.5));
        short[] frame = new short[PcmFormat.SAMPLES_PER_FRAME];

        assertThat(source.read(frame)).isTrue();
        assertThat(source.read(frame)).isTrue(); // 5 ms of tone, then silence
        assertThat(Pcm16.silent(PcmFormat.bytes(frame, 0, frame.length))).isFalse();
        assertThat(frame[PcmFormat.SAMPLES_PER_FRAME - 1]).isZero();
        assertThat(source.read(frame)).isFalse();
        assertThat(source.exhausted()).isTrue();
        assertThat(Pcm16.silent(PcmFormat.bytes(frame, 0, frame.length))).isTrue();

        source.rewind();
        assertThat(source.read(frame)).isTrue();
    }

    @Test
    void aFileThatIsNotAudioIsRefusedWithItsName() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not a wav at all");

        assertThatThrownBy(() -> WavSource.open(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("notes.wav").hasMessageContaining("not a WAV file");
    }

    @Test
    void theRecorderWritesWhatItGotAndDropsFramesAtAnotherRate() throws Exception {
        WavRecorder recorder = new WavRecorder();
        short[] tone = Signals.tone(300, PcmFormat.SAMPLE_RATE, 250, 0.4);
        for (int at = 0; at < tone.length; at += PcmFormat.SAMPLES_PER_FRAME) {
            recorder.append(PcmFormat.bytes(tone, at, PcmFormat.SAMPLES_PER_FRAME), PcmFormat.SAMPLE_RATE);
        }
        recorder.append(new byte[320], 16_000);

        Path out = dir.resolve("sub/out.wav");
        recorder.writeTo(out);

        assertThat(recorder.millis()).isEqualTo(250);
        assertThat(recorder.droppedFrames()).isEqualTo(1);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(out.toFile())) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleRate()).isEqualTo(48_000f);
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(in.getFrameLength()).isEqualTo(tone.length);
        }
        assertThat(WavSource.open(out).soundMillis()).isEqualTo(250);
    }

    @Test
    void theMeterReadsOnADecibelScale() {
        byte[] loud = PcmFormat.bytes(Signals.tone(440, PcmFormat.SAMPLE_RATE, 10, 1.0), 0, 480);

        assertThat(LevelMeter.reading(new byte[960])).isZero();
        assertThat(LevelMeter.reading(0.001)).isCloseTo(0.0, within(0.01)); // -60 dBFS: the floor
        assertThat(LevelMeter.reading(0.0316)).isCloseTo(0.5, within(0.01)); // -30 dBFS: half way
        assertThat(LevelMeter.reading(loud)).isCloseTo(0.95, within(0.02)); // a full-scale sine: -3 dBFS
    }
}
