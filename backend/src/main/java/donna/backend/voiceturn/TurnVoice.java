package donna.backend.voiceturn;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice of one spoken turn: ElevenLabs when the service has it, OpenAI speech otherwise. When ElevenLabs refuses
 * or fails (401, 429, 5xx, a timeout), OpenAI speaks that sentence and the rest of the turn, so the person still
 * hears DONNA; the next turn tries ElevenLabs again. {@link #engine()} names who is speaking, for the audio events.
 * Used from one thread at a time (the spoken reply's speaker).
 */
final class TurnVoice implements SpokenReply.Voice {
    static final String ELEVENLABS = "elevenlabs";
    static final String OPENAI = "openai";
    private static final Logger log = LoggerFactory.getLogger(TurnVoice.class);

    private final SpokenReply.Voice elevenLabs;
    private final SpokenReply.Voice openAi;
    private volatile boolean elevenLabsFailed;
    private volatile String engine;

    /** @param elevenLabs null when the service has no ElevenLabs key */
    TurnVoice(SpokenReply.Voice elevenLabs, SpokenReply.Voice openAi) {
        this.elevenLabs = elevenLabs;
        this.openAi = openAi;
        this.engine = elevenLabs == null ? OPENAI : ELEVENLABS;
    }

    @Override
    public void speak(String text, Consumer<byte[]> audio) {
        if (elevenLabs != null && !elevenLabsFailed) {
            boolean[] heard = {false};
            engine = ELEVENLABS;
            try {
                elevenLabs.speak(text, pcm -> {
                    heard[0] = true;
                    audio.accept(pcm);
                });
                return;
            } catch (RuntimeException e) {
                elevenLabsFailed = true;
                // The exception's message is ElevenLabs' status and reason, never the key.
                log.warn("Spoken reply: ElevenLabs speech failed ({}); OpenAI speech speaks the rest of this turn",
                        e.getMessage());
                if (heard[0]) {
                    // Part of this sentence was heard: saying it again from the start would repeat it; the text
                    // holds all of it, and the next sentence is OpenAI's.
                    return;
                }
            }
        }
        engine = OPENAI;
        openAi.speak(text, audio);
    }

    /** Who speaks now: {@value #ELEVENLABS} or {@value #OPENAI}. */
    String engine() {
        return engine;
    }
}
