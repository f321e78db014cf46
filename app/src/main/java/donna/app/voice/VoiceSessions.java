package donna.app.voice;

import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;

/** Makes the voice session a {@link VoiceViewModel} drives; the composition root decides with what. */
@FunctionalInterface
public interface VoiceSessions {
    VoiceSession create(VoiceSessionListener listener);
}
