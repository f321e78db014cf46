package donna.core.voice;

import donna.core.voice.protocol.TurnDetection;
import java.time.Duration;

/**
 * The timings and bounds of a {@link VoiceSession}.
 *
 * @param connectTimeout       how long opening a connection may take
 * @param sessionUpdateTimeout how long the server may take to confirm {@code session.update}
 * @param minPress             a push-to-talk press shorter than this is ignored (a tap, not speech)
 * @param levelSampling        how often the microphone level is sampled while listening
 * @param reconnectAttempts    attempts after a dropped connection before giving up
 * @param backoffBase          the first reconnect delay; doubled each attempt, with jitter
 * @param backoffMax           the longest reconnect delay
 * @param restoreItems         recent messages re-created in a new connection, so DONNA remembers
 * @param remintMargin         a spare client secret is minted this long before the current one expires
 * @param handsFreeDetection   server-side turn detection used in hands-free mode
 */
public record VoiceSettings(Duration connectTimeout, Duration sessionUpdateTimeout, Duration minPress,
        Duration levelSampling, int reconnectAttempts, Duration backoffBase, Duration backoffMax, int restoreItems,
        Duration remintMargin, TurnDetection handsFreeDetection) {

    public static VoiceSettings defaults() {
        return new VoiceSettings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(150),
                Duration.ofMillis(20), 6, Duration.ofMillis(250), Duration.ofSeconds(8), 10, Duration.ofSeconds(15),
                TurnDetection.SEMANTIC_VAD);
    }
}
