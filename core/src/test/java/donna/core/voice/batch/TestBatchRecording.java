package donna.core.voice.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The batch path's recording: a 16 kHz mono 16-bit WAV the service accepts, within its 1 MiB body limit. */
class TestBatchRecording {

    /** {@code millis} of a tone at 24 kHz, in 10 ms frames as the devices deliver them. */
    private static void tone(BatchRecording recording, int hz, int millis, double amplitude) {
        for (int frame = 0; frame < millis / 10; frame++) {
            ByteBuffer b = ByteBuffer.allocate(480).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 240; i++) {
                long n = frame * 240L + i;
                b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / 24_000.0)));
            }
            recording.add(b.array());
        }
    }

    @Test
    void aRecordingIsA16kHzMonoPcmWavOfTheSameLength() {
        BatchRecording recording = new BatchRecording();
        tone(recording, 440, 800, 10_000);
        assertThat(recording.millis()).isEqualTo(800);

        ByteBuffer wav = ByteBuffer.wrap(recording.takeWav()).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(wav.array(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav.array(), 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(wav.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(wav.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(wav.getInt(24)).as("rate").isEqualTo(16_000);
        assertThat(wav.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(wav.getInt(40)).as("data bytes: 0.8 s at 16 kHz").isEqualTo(800 * 32);
        assertThat(wav.capacity()).isEqualTo(44 + 800 * 32);
        assertThat(recording.millis()).as("taken: the next turn starts empty").isZero();
    }

    @Test
    void downsamplingKeepsASpeechTonesLevelAndRemovesWhatWouldFold() {
        BatchRecording speech = new BatchRecording();
        tone(speech, 1_000, 500, 10_000);
        BatchRecording hiss = new BatchRecording();
        tone(hiss, 11_000, 500, 10_000);

        assertThat(peak(speech.takeWav())).as("1 kHz passes").isBetween(9_000, 10_100);
        assertThat(peak(hiss.takeWav())).as("11 kHz would fold to 5 kHz: removed").isLessThan(100);
    }

    @Test
    void theRecordingStopsAtWhatTheServiceTakes() {
        BatchRecording recording = new BatchRecording();
        boolean kept = true;
        for (int s = 0; s < 40 && kept; s++) {
            BatchRecording second = recording;
            int before = (int) second.millis();
            tone(second, 300, 1_000, 5_000);
            kept = second.millis() - before == 1_000;
        }

        assertThat(recording.millis()).isEqualTo(BatchRecording.MAX_MILLIS);
        assertThat(recording.add(new byte[480])).isFalse();
        assertThat(recording.takeWav().length).isLessThanOrEqualTo(BatchRecording.MAX_WAV_BYTES);
    }

    private static int peak(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int peak = 0;
        for (int i = 44 + 200; i + 1 < wav.length - 200; i += 2) { // edges left out
            peak = Math.max(peak, Math.abs(b.getShort(i)));
        }
        return peak;
    }
}
