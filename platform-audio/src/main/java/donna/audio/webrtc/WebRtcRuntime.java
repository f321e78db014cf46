package donna.audio.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import donna.audio.AudioEndpoint;
import donna.audio.AudioUnavailableException;
import donna.audio.pcm.PcmSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one WebRTC stack: one {@link PeerConnectionFactory} over one audio device module, created on first
 * use and kept until the process ends. Native WebRTC cannot be torn down cleanly (each factory's dispose leaves
 * native threads behind), which is why this is the one process-wide object of the audio module.
 *
 * <p>{@link AudioBackend#SYSTEM} opens the sound devices through the PulseAudio layer on Linux (the platform default
 * elsewhere), with echo cancellation, noise suppression, gain control and a high-pass filter. Where there is no
 * sound server or card the module fails to initialise with a catchable {@link Error} and the runtime falls back to
 * the headless module, saying why in {@link #fallbackReason()}. The default layer is never used on Linux: without a
 * sound card it fails a native check that aborts the JVM.
 */
public final class WebRtcRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcRuntime.class);
    private static WebRtcRuntime current;

    private final AudioDeviceModuleBase audioModule;
    private final PeerConnectionFactory factory;
    private final AudioBackend backend;
    private final String fallbackReason;

    private WebRtcRuntime(AudioDeviceModuleBase audioModule, PeerConnectionFactory factory, AudioBackend backend,
            String fallbackReason) {
        this.audioModule = audioModule;
        this.factory = factory;
        this.backend = backend;
        this.fallbackReason = fallbackReason;
    }

    /**
     * The process's runtime, created on the first call. A later call gets the same runtime: asking for
     * {@link AudioBackend#SYSTEM} when it runs headless is fine (that is the fallback anyway), but asking for
     * {@link AudioBackend#HEADLESS} when the sound devices are open is refused, since fed microphone audio and device
     * capture must never reach the same factory.
     *
     * @throws AudioUnavailableException when WebRTC's native library cannot load
     */
    public static synchronized WebRtcRuntime start(AudioBackend requested) {
        if (current == null) {
            current = create(requested);
        } else if (requested == AudioBackend.HEADLESS && current.backend == AudioBackend.SYSTEM) {
            throw new IllegalStateException("this process already uses the sound devices for WebRTC; "
                    + "headless audio needs a process of its own");
        }
        return current;
    }

    /** What is actually in use (HEADLESS after a fallback). */
    public AudioBackend backend() {
        return backend;
    }

    /** Why the sound devices are not in use although they were asked for; empty when they are, or were not asked. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    public List<AudioEndpoint> inputs() {
        return backend == AudioBackend.SYSTEM ? endpoints(audioModule.getRecordingDevices()) : List.of();
    }

    public List<AudioEndpoint> outputs() {
        return backend == AudioBackend.SYSTEM ? endpoints(audioModule.getPlayoutDevices()) : List.of();
    }

    /** Uses this microphone from the next connection on. */
    public void useInput(String id) {
        requireDevices();
        audioModule.setRecordingDevice(find(audioModule.getRecordingDevices(), id, "microphone"));
    }

    /** Plays through this speaker from the next connection on. */
    public void useOutput(String id) {
        requireDevices();
        audioModule.setPlayoutDevice(find(audioModule.getPlayoutDevices(), id, "speaker"));
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    /**
     * A microphone for one connection: fed from {@code feed} (headless only: fed audio and device capture must never
     * share a factory), or the sound card's when {@code feed} is null and devices are in use, or silence.
     */
    Microphone microphone(String trackId, PcmSource feed) {
        if (feed != null && backend == AudioBackend.SYSTEM) {
            throw new IllegalStateException("a fed microphone needs the headless audio backend");
        }
        if (backend == AudioBackend.SYSTEM) {
            return new DeviceMicrophone(factory, trackId);
        }
        return new FedMicrophone(factory, trackId, feed == null ? PcmSource.silence() : feed);
    }

    /** Options for a device microphone's source: the voice processing WebRTC applies to captured audio. */
    static AudioOptions voiceOptions() {
        AudioOptions options = new AudioOptions();
        options.echoCancellation = true;
        options.noiseSuppression = true;
        options.autoGainControl = true;
        options.highpassFilter = true;
        return options;
    }

    private static WebRtcRuntime create(AudioBackend requested) {
        try {
            if (requested == AudioBackend.SYSTEM) {
                AudioDeviceModule devices;
                try {
                    devices = new AudioDeviceModule(systemLayer());
                } catch (Error e) { // no sound server or card: the module's init fails with an Error
                    String reason = "no sound device (" + e.getMessage() + ")";
                    LOG.warn("WebRTC audio: {}; running headless", reason);
                    return headless(reason);
                }
                LOG.info("WebRTC audio: system sound devices");
                return new WebRtcRuntime(devices, new PeerConnectionFactory(devices, voiceProcessing()),
                        AudioBackend.SYSTEM, null);
            }
            return headless(null);
        } catch (UnsatisfiedLinkError e) {
            throw new AudioUnavailableException("WebRTC's native library did not load: " + e.getMessage()
                    + (isLinux() ? " (on Linux it needs the libpulse0 package)" : ""), e);
        }
    }

    private static WebRtcRuntime headless(String fallbackReason) {
        HeadlessAudioDeviceModule module = new HeadlessAudioDeviceModule();
        // Playout must run before the factory exists: its 10 ms pull is what drives every connection's receive side,
        // so remote audio reaches a track's sinks only while it runs.
        module.initPlayout();
        module.startPlayout();
        return new WebRtcRuntime(module, new PeerConnectionFactory(module), AudioBackend.HEADLESS, fallbackReason);
    }

    /** Echo cancellation, noise suppression, gain control and a high-pass filter on captured audio. */
    private static AudioProcessing voiceProcessing() {
        AudioProcessingConfig config = new AudioProcessingConfig();
        config.echoCanceller.enabled = true; // DONNA's voice from the speakers must not come back as the user's
        config.noiseSuppression.enabled = true;
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.MODERATE;
        config.gainControl.enabled = true;
        config.gainControl.adaptiveDigital.enabled = true;
        config.highPassFilter.enabled = true;
        AudioProcessing processing = new AudioProcessing();
        processing.applyConfig(config);
        return processing;
    }

    private static AudioLayer systemLayer() {
        return isLinux() ? AudioLayer.kLinuxPulseAudio : AudioLayer.kPlatformDefaultAudio;
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private void requireDevices() {
        if (backend != AudioBackend.SYSTEM) {
            throw new IllegalStateException("no sound devices in use" + fallbackReason().map(r -> ": " + r).orElse(""));
        }
    }

    private static List<AudioEndpoint> endpoints(List<AudioDevice> devices) {
        return devices.stream().map(d -> new AudioEndpoint(d.getDescriptor(), d.getName())).toList();
    }

    private static AudioDevice find(List<AudioDevice> devices, String id, String kind) {
        return devices.stream().filter(d -> d.getDescriptor().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " with id " + id));
    }
}
