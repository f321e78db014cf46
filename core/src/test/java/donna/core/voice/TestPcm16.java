package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestPcm16 {

    @Test
    void silenceIsLevelZeroAndAFullScaleSquareIsOne() {
        byte[] silence = new byte[960];
        byte[] square = new byte[960];
        for (int i = 0; i < square.length / 2; i++) {
            short s = (short) (i % 2 == 0 ? 32767 : -32768);
            square[2 * i] = (byte) s;
            square[2 * i + 1] = (byte) (s >> 8);
        }

        assertThat(Pcm16.level(silence)).isZero();
        assertThat(Pcm16.silent(silence)).isTrue();
        assertThat(Pcm16.level(square)).isGreaterThan(0.99);
        assertThat(Pcm16.silent(square)).isFalse();
        assertThat(Pcm16.sample(square, 1)).isEqualTo(-32768);
    }

    @Test
    void twentyMillisecondsAt24kHzIs960Bytes() {
        assertThat(Pcm16.millis(960)).isEqualTo(20);
        assertThat(VoiceAudio.BYTES_PER_MS).isEqualTo(48);
    }

    @Test
    void aConnectRequestNeverPrintsItsSecret() {
        RealtimeConnectRequest request = new RealtimeConnectRequest(URI.create("https://api.openai.com/"),
                "gpt-realtime", "ek_secret_value", Duration.ofSeconds(5));

        assertThat(request.toString()).doesNotContain("ek_secret_value");
        assertThat(request.base()).isEqualTo("https://api.openai.com");
    }
}
