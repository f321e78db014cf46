package donna.core.voice.live;

/**
 * The companion service's side of a Live session: it creates the session with its own key (the metered session it
 * opens is reported on like a Realtime one, through a {@link donna.core.voice.VoiceMeter}). Blocking.
 */
@FunctionalInterface
public interface LiveSessionApi {

    /**
     * A created session: the SDP answer, OpenAI's session id and the service's metered voice session (null when the
     * service meters none).
     */
    record Created(String answerSdp, String liveSessionId, String voiceSessionId) {}

    /**
     * {@code POST /api/voice/live/sessions}.
     *
     * @param continuing the metered voice session a reconnect continues (a {@link Created#voiceSessionId()}; null: a
     *                   new one). The service continues it only while it is the caller's and still open, else it
     *                   opens a new one: the answer's id says which.
     * @throws LiveUnavailableException the account has no GPT-Live access
     * @throws RuntimeException         anything else (a readable message, no secret)
     */
    Created create(String offerSdp, String continuing);
}
