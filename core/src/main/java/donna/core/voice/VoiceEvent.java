package donna.core.voice;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the service's voice events log ({@code POST /api/voice/events}, docs/voice.md "What DONNA records
 * about a voice session"). {@code data} holds numbers, booleans and short identifiers only (a transport, a tool
 * name, an error code): the constructor refuses any other string, so no transcript, tool argument or message can
 * ride along.
 *
 * @param sessionId the voice session (the metered {@code donna_session_id}, else a random UUID per session)
 * @param type      {@code connected}, {@code turn}, {@code barge_in}, {@code reconnect}, {@code tool_call},
 *                  {@code error} or {@code ended}
 */
public record VoiceEvent(String sessionId, String type, Instant at, Map<String, Object> data) {
    /** What a string in {@code data} may look like: an identifier, never words. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public VoiceEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Map<String, Object> copy = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            if (!(value instanceof Number || value instanceof Boolean
                    || value instanceof String s && IDENTIFIER.matcher(s).matches())) {
                throw new IllegalArgumentException("voice event data " + key + " must be a number, a boolean or an "
                        + "identifier");
            }
            copy.put(key, value);
        });
        data = Collections.unmodifiableMap(copy);
    }

    static VoiceEvent connected(String session, Instant at, long connectMs, String transport, int reconnectAttempt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connect_ms", connectMs);
        data.put("transport", transport);
        if (reconnectAttempt > 0) {
            data.put("reconnect_attempt", reconnectAttempt);
        }
        return new VoiceEvent(session, "connected", at, data);
    }

    /**
     * @param releaseToFirstAudioMs from the end of the user's speech (release, or the server's end of speech) to
     *                              DONNA's first audio; null when this answer did not follow it (a second answer)
     */
    static VoiceEvent turn(String session, Instant at, Long releaseToFirstAudioMs, long audioMs, String transport,
            boolean interrupted) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("release_to_first_audio_ms", releaseToFirstAudioMs);
        data.put("audio_ms", audioMs);
        data.put("transport", transport);
        data.put("interrupted", interrupted);
        return new VoiceEvent(session, "turn", at, data);
    }

    static VoiceEvent bargeIn(String session, Instant at, long playedMs) {
        return new VoiceEvent(session, "barge_in", at, Map.of("played_ms", playedMs));
    }

    /** @param why {@code dropped}, {@code connect_failed} or {@code not_confirmed} */
    static VoiceEvent reconnect(String session, Instant at, int attempt, String why) {
        return new VoiceEvent(session, "reconnect", at, Map.of("attempt", attempt, "why", why));
    }

    /** @param errorCode null when the tool answered */
    static VoiceEvent toolCall(String session, Instant at, String tool, long ms, String errorCode) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tool", identifier(tool));
        data.put("ms", ms);
        data.put("ok", errorCode == null);
        data.put("error_code", errorCode == null ? null : identifier(errorCode));
        return new VoiceEvent(session, "tool_call", at, data);
    }

    static VoiceEvent error(String session, Instant at, String code) {
        return new VoiceEvent(session, "error", at, Map.of("code", identifier(code)));
    }

    static VoiceEvent ended(String session, Instant at, long durationS, int turns) {
        return new VoiceEvent(session, "ended", at, Map.of("duration_s", durationS, "turns", turns));
    }

    /** A name or code from outside (the model's tool name, the server's error code) as an identifier, or "other". */
    static String identifier(String value) {
        if (value == null) {
            return "unknown";
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return IDENTIFIER.matcher(v).matches() ? v : "other";
    }
}
