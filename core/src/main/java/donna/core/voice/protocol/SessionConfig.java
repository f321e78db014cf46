package donna.core.voice.protocol;

import java.util.Objects;

/**
 * The part of the realtime session the app sets with {@code session.update}. Instructions and voice are fixed when
 * the service mints the secret; a null here leaves what the session has.
 *
 * @param turnDetection      push-to-talk ({@link TurnDetection#NONE}) or server-side detection
 * @param transcriptionModel the model that transcribes the user's audio (null: leave as is)
 * @param instructions       null to keep the minted instructions
 */
public record SessionConfig(TurnDetection turnDetection, String transcriptionModel, String instructions) {
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    public SessionConfig {
        Objects.requireNonNull(turnDetection, "turnDetection");
    }

    public static SessionConfig pushToTalk() {
        return new SessionConfig(TurnDetection.NONE, DEFAULT_TRANSCRIPTION_MODEL, null);
    }

    public static SessionConfig handsFree(TurnDetection detection) {
        return new SessionConfig(detection, DEFAULT_TRANSCRIPTION_MODEL, null);
    }

    public SessionConfig withTurnDetection(TurnDetection detection) {
        return new SessionConfig(detection, transcriptionModel, instructions);
    }
}
