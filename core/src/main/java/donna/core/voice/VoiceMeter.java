package donna.core.voice;

import java.time.Duration;

/**
 * Reports a metered voice session's liveness to the companion service (issue 15): the app talks to OpenAI directly,
 * so the service learns how long a session lasts only from these reports ({@code POST
 * /api/realtime/sessions/{id}/heartbeat} while connected, {@code .../end} on disconnect). Blocking; a
 * {@link VoiceSession} calls it on its io executor.
 */
public interface VoiceMeter {
    /** How often a connected session reports; the service charges one interval past the last report. */
    Duration INTERVAL = Duration.ofSeconds(60);

    /** Reports nothing (a session whose secrets carry no session id, or tests). */
    VoiceMeter NONE = new VoiceMeter() {
        @Override
        public void heartbeat(String sessionId) {}

        @Override
        public void end(String sessionId) {}
    };

    void heartbeat(String sessionId);

    void end(String sessionId);
}
