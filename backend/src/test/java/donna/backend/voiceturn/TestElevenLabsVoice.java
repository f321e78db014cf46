package donna.backend.voiceturn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.testkit.elevenlabs.FakeElevenLabs;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ElevenLabs voice against the fake: the request ElevenLabs documents, the PCM handed on in pieces, each refusal
 * or outage an exception that names the status and never the key; and a turn's voice falling back to OpenAI.
 */
class TestElevenLabsVoice {
    private static final FakeElevenLabs fake = FakeElevenLabs.start();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GEORGE = BackendConfig.ElevenLabs.DEFAULT_VOICE_ID;

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    private static ElevenLabsVoice voice(String key, Duration timeout) {
        return new ElevenLabsVoice(new BackendConfig.ElevenLabs(Optional.of(key), GEORGE, "eleven_flash_v2_5",
                URI.create(fake.baseUrl())), JSON, timeout);
    }

    @Test
    void speaks_pcm_24k_in_whole_sample_pieces_with_the_voice_model_and_key() {
        List<byte[]> pieces = new ArrayList<>();

        voice(FakeElevenLabs.KEY, Duration.ofSeconds(5)).speak("Good morning, Ann.", pieces::add);

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        pieces.forEach(all::writeBytes);
        assertThat(all.size()).isEqualTo(FakeElevenLabs.pcmBytes("Good morning, Ann."));
        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length % 2).isZero());
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.voiceId()).isEqualTo(GEORGE);
            assertThat(r.outputFormat()).isEqualTo("pcm_24000");
            assertThat(r.text()).isEqualTo("Good morning, Ann.");
            assertThat(r.modelId()).isEqualTo("eleven_flash_v2_5");
            assertThat(r.keyPresent()).isTrue();
        });
    }

    @Test
    void a_refused_key_rate_limit_or_outage_is_an_exception_with_the_status_and_never_the_key() {
        String wrong = "sk_wrong_hunter6secret";
        assertThatThrownBy(() -> voice(wrong, Duration.ofSeconds(5)).speak("Hi.", pcm -> { }))
                .isInstanceOf(ElevenLabsVoice.ElevenLabsException.class)
                .hasMessageContaining("401").hasMessageContaining("invalid_api_key")
                .hasMessageNotContaining("hunter6secret");
        fake.failNext(1, 429).failNext(1, 503);
        assertThatThrownBy(() -> voice(FakeElevenLabs.KEY, Duration.ofSeconds(5)).speak("Hi.", pcm -> { }))
                .hasMessageContaining("429");
        assertThatThrownBy(() -> voice(FakeElevenLabs.KEY, Duration.ofSeconds(5)).speak("Hi.", pcm -> { }))
                .hasMessageContaining("503").hasMessageNotContaining(FakeElevenLabs.KEY);
    }

    @Test
    void no_answer_within_the_timeout_is_an_exception() {
        fake.stallNext(1, 3_000);
        List<byte[]> pieces = new ArrayList<>();

        assertThatThrownBy(() -> voice(FakeElevenLabs.KEY, Duration.ofMillis(300)).speak("Hi.", pieces::add))
                .isInstanceOf(ElevenLabsVoice.ElevenLabsException.class).hasMessageContaining("no answer");
        assertThat(pieces).isEmpty();
    }

    @Test
    void a_turn_falls_back_to_openai_when_elevenlabs_fails_and_stays_there_for_the_turn() {
        List<String> openAi = new ArrayList<>();
        List<String> engines = new ArrayList<>();
        fake.failNext(1, 500);
        TurnVoice turn = new TurnVoice(voice(FakeElevenLabs.KEY, Duration.ofSeconds(5)), (text, audio) -> {
            openAi.add(text);
            audio.accept(new byte[] {1, 0});
        });

        turn.speak("First.", pcm -> engines.add(turn.engine()));
        turn.speak("Second.", pcm -> engines.add(turn.engine()));

        assertThat(openAi).containsExactly("First.", "Second.");
        assertThat(engines).containsOnly(TurnVoice.OPENAI).hasSize(2);
        assertThat(fake.requests()).as("ElevenLabs is not asked again in this turn").hasSize(1);

        TurnVoice next = new TurnVoice(voice(FakeElevenLabs.KEY, Duration.ofSeconds(5)), (text, audio) -> {
            openAi.add(text);
        });
        List<String> nextEngines = new ArrayList<>();
        next.speak("Third.", pcm -> nextEngines.add(next.engine()));
        assertThat(nextEngines).isNotEmpty().containsOnly(TurnVoice.ELEVENLABS);
        assertThat(openAi).hasSize(2);
    }

    @Test
    void without_elevenlabs_openai_speaks() {
        List<String> engines = new ArrayList<>();
        TurnVoice turn = new TurnVoice(null, (text, audio) -> audio.accept(new byte[] {1, 0}));
        turn.speak("Hi.", pcm -> engines.add(turn.engine()));
        assertThat(engines).containsExactly(TurnVoice.OPENAI);
        assertThat(fake.requests()).isEmpty();
    }
}
