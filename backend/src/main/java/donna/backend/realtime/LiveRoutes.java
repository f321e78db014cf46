package donna.backend.realtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import donna.backend.auth.AuthGate;
import donna.backend.chat.Profile;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/voice/live/sessions} {@code {"sdp","profile"?,"session_id"?}}: the app's WebRTC offer for a
 * GPT-Live session; the answer SDP back. The auth gate and the origin check have already run; the voice session it
 * opens is reported on like a Realtime one ({@code /api/realtime/sessions/{id}/heartbeat} and {@code /end}).
 */
public final class LiveRoutes implements RouteGroup {
    public static final String PATH = "/api/voice/live/sessions";
    /** An SDP offer is a few kilobytes; anything near this is not one. */
    static final int MAX_SDP_CHARS = 64 * 1024;

    private final LiveSessions sessions;

    public LiveRoutes(LiveSessions sessions) {
        this.sessions = sessions;
    }

    record Body(String sdp, String profile, @JsonProperty("session_id") String sessionId) {}

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::create);
    }

    private void create(Context ctx) {
        var caller = AuthGate.caller(ctx);
        Body body = ctx.body().isBlank() ? null : ctx.bodyAsClass(Body.class);
        if (body == null) {
            throw ApiException.badRequest("invalid_json", "Request body must be a JSON object with the SDP offer");
        }
        String sdp = body.sdp();
        if (sdp == null || sdp.isBlank()) {
            throw ApiException.badRequest("validation_failed", "sdp is required (the WebRTC offer)");
        }
        if (!sdp.startsWith("v=0") || sdp.length() > MAX_SDP_CHARS) {
            throw ApiException.badRequest("validation_failed", "sdp must be a WebRTC session description (an offer)");
        }
        LiveSessions.Opened opened = sessions.open(caller, Profile.parse(body.profile()), sdp, continuing(body));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        answer.put("sdp", opened.live().answerSdp());
        answer.put("live_session_id", opened.live().sessionId());
        opened.sessionId().ifPresent(id -> answer.put("donna_session_id", id.toString()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private static Optional<UUID> continuing(Body body) {
        if (body.sessionId() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(body.sessionId()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation_failed", "session_id must be a voice session's id");
        }
    }
}
