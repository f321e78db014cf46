package donna.core.voice;

import java.util.List;
import java.util.Optional;

/**
 * The microphones and speakers voice can use, and the ones in use. Platform-audio implements it on the real devices
 * (WebRTC's audio device module); calls may block briefly, so the app makes them off the UI thread.
 */
public interface VoiceDevices {
    List<AudioDevice> inputs();

    List<AudioDevice> outputs();

    AudioDevice input();

    AudioDevice output();

    /** Takes effect for the running session where the platform allows, else at the next connection. */
    void useInput(AudioDevice device);

    void useOutput(AudioDevice device);

    /**
     * Why there is no sound device to use (then the microphone is silent and DONNA's voice is played into nothing, on
     * either transport); empty when there is one, or when the platform cannot tell.
     */
    default Optional<String> missingReason() {
        return Optional.empty();
    }

    /** Only the operating system's defaults (no device list): until the platform provides one. */
    static VoiceDevices systemDefault() {
        return of(List.of(AudioDevice.SYSTEM_DEFAULT), List.of(AudioDevice.SYSTEM_DEFAULT));
    }

    /** Fixed lists; the first of each is in use until another is chosen, and a choice is only remembered. */
    static VoiceDevices of(List<AudioDevice> inputs, List<AudioDevice> outputs) {
        return new FixedVoiceDevices(inputs, outputs);
    }
}
