package donna.audio.webrtc;

import donna.core.voice.AudioDevice;
import donna.core.voice.VoiceDevices;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Voice pane's device pickers on WebRTC's audio device module: the sound card's microphones and speakers, or,
 * where there is none (headless), only "System default". A choice takes effect at the next connection (the module
 * cannot switch a device that is recording). Blocking: the first call starts the runtime.
 */
public final class WebRtcVoiceDevices implements VoiceDevices {
    private final Supplier<WebRtcRuntime> runtime;
    private AudioDevice input = AudioDevice.SYSTEM_DEFAULT;
    private AudioDevice output = AudioDevice.SYSTEM_DEFAULT;

    /** The sound devices of this process's system runtime. */
    public WebRtcVoiceDevices() {
        this(() -> WebRtcRuntime.start(AudioBackend.SYSTEM));
    }

    WebRtcVoiceDevices(Supplier<WebRtcRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<AudioDevice> inputs() {
        return devices(runtime.get().inputs());
    }

    @Override
    public List<AudioDevice> outputs() {
        return devices(runtime.get().outputs());
    }

    @Override
    public synchronized AudioDevice input() {
        return input;
    }

    @Override
    public synchronized AudioDevice output() {
        return output;
    }

    @Override
    public synchronized void useInput(AudioDevice device) {
        if (!device.equals(AudioDevice.SYSTEM_DEFAULT)) {
            runtime.get().useInput(device.id());
        }
        input = device;
    }

    @Override
    public synchronized void useOutput(AudioDevice device) {
        if (!device.equals(AudioDevice.SYSTEM_DEFAULT)) {
            runtime.get().useOutput(device.id());
        }
        output = device;
    }

    /** The runtime's reason for running headless although the sound devices were asked for. */
    @Override
    public Optional<String> missingReason() {
        return runtime.get().fallbackReason();
    }

    /** "System default" first, then what the module lists. */
    private static List<AudioDevice> devices(List<AudioDevice> listed) {
        return Stream.concat(Stream.of(AudioDevice.SYSTEM_DEFAULT), listed.stream()).toList();
    }
}
