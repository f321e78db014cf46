package donna.audio.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one push-to-talk turn measured. Times are milliseconds, -1 where the turn did not get that far.
 *
 * @param ok                  true for a full turn: connected, heard, answered with audio and words
 * @param reason              why not, readably; null when ok
 * @param connectMillis       offer created to event channel open
 * @param firstAudioMillis    {@code response.create} sent to the first frame of DONNA's audio with sound played
 * @param firstTranscriptMillis {@code response.create} sent to the first words of her transcript
 * @param pressToLiveMicros   the key going down to the first live microphone audio handed to WebRTC (microseconds)
 * @param heard               what the model transcribed of the input, or null
 * @param said                DONNA's whole answer as text, or null
 * @param playedMillis        milliseconds of DONNA's audio played (and recorded)
 */
public record VoiceCheckResult(boolean ok, String reason, long connectMillis, long firstAudioMillis,
        long firstTranscriptMillis, long pressToLiveMicros, String heard, String said, long playedMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The one line {@code voice-check --json} prints. */
    public String toJson() {
        ObjectNode line = JSON.createObjectNode().put("ok", ok);
        if (!ok) {
            line.put("error", reason);
        }
        line.put("connect_ms", connectMillis).put("first_audio_ms", firstAudioMillis)
                .put("first_transcript_ms", firstTranscriptMillis);
        return line.toString();
    }

    /** The lines a person reads. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(ok ? "voice check: OK" : "voice check: FAILED: " + reason).append('\n');
        out.append("  connect (offer to channel open):        ").append(ms(connectMillis)).append('\n');
        out.append("  response.create to first audio played: ").append(ms(firstAudioMillis)).append('\n');
        out.append("  response.create to first transcript:    ").append(ms(firstTranscriptMillis)).append('\n');
        out.append("  key press to microphone live:           ")
                .append(pressToLiveMicros < 0 ? "-" : String.format("%.2f ms", pressToLiveMicros / 1000.0))
                .append('\n');
        if (heard != null) {
            out.append("  DONNA heard: ").append(heard).append('\n');
        }
        if (said != null) {
            out.append("  DONNA said:  ").append(said).append(" (").append(playedMillis).append(" ms of audio)\n");
        }
        return out.toString();
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : millis + " ms";
    }
}
