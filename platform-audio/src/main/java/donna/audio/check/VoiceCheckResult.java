package donna.audio.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * What one push-to-talk turn measured. Times are milliseconds, -1 where the turn did not get that far.
 *
 * @param ok                  true for a full turn: connected, heard, answered with audio and words
 * @param reason              why not, readably; null when ok
 * @param transport           what carried the turn: {@code webrtc}, {@code websocket}, {@code relay} or {@code batch}
 * @param connectMillis       offer created to event channel open (WebRTC), connect called to socket open and
 *                            devices started (WebSocket)
 * @param firstAudioMillis    {@code response.create} sent to the first frame of DONNA's audio with sound played
 * @param firstTranscriptMillis {@code response.create} sent to the first words of her transcript
 * @param pressToLiveMicros   the key going down to the first live microphone audio handed to WebRTC (microseconds)
 * @param heard               what the model transcribed of the input, or null
 * @param said                DONNA's whole answer as text, or null
 * @param playedMillis        milliseconds of DONNA's audio played (and recorded)
 */
public record VoiceCheckResult(boolean ok, String reason, String transport, long connectMillis, long firstAudioMillis,
        long firstTranscriptMillis, long pressToLiveMicros, String heard, String said, long playedMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A check that failed before it could connect (no service, no secret, an unreadable input). */
    public static VoiceCheckResult failed(String transport, String reason) {
        return new VoiceCheckResult(false, reason, transport, -1, -1, -1, -1, null, null, 0);
    }

    /** The one line {@code voice-check --json} prints. */
    public String toJson() {
        ObjectNode line = JSON.createObjectNode().put("ok", ok);
        if (!ok) {
            line.put("error", reason);
        }
        line.put("transport", transport);
        line.put("connect_ms", connectMillis).put("first_audio_ms", firstAudioMillis)
                .put("first_transcript_ms", firstTranscriptMillis);
        return line.toString();
    }

    /** The lines a person reads. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(ok ? "voice check: OK" : "voice check: FAILED: " + reason).append('\n');
        line(out, "transport", transport);
        line(out, "connect (offer to channel open)", ms(connectMillis));
        line(out, "response.create to first audio played", ms(firstAudioMillis));
        line(out, "response.create to first transcript", ms(firstTranscriptMillis));
        line(out, "key press to microphone live",
                pressToLiveMicros < 0 ? "-" : String.format(Locale.ROOT, "%.2f ms", pressToLiveMicros / 1000.0));
        if (heard != null) {
            out.append("  DONNA heard: ").append(heard).append('\n');
        }
        if (said != null) {
            out.append("  DONNA said:  ").append(said).append(" (").append(playedMillis).append(" ms of audio)\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-40s %s%n", label + ":", value));
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : millis + " ms";
    }
}
