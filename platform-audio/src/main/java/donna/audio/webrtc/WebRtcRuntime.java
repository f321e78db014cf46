package donna.audio.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioSink;
import dev.onvoid.webrtc.media.audio.AudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import donna.audio.AudioUnavailableException;
import donna.audio.pcm.PcmSource;
import donna.core.voice.AudioDevice;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's WebRTC stack: one {@link PeerConnectionFactory} over one audio device module per kind of audio,
 * created on first use and kept until the process ends. Native WebRTC cannot be torn down cleanly (each factory's
 * dispose leaves native threads behind), which is why these are the process-wide objects of the audio module. The
 * sound-card factory and the headless one never share a factory: fed microphone audio and device capture reaching
 * one send stream from two threads would abort the process.
 *
 * <p>{@link AudioBackend#SYSTEM} opens the sound devices through the PulseAudio layer on Linux (the platform default
 * elsewhere), with echo cancellation, noise suppression, gain control and a high-pass filter. Where there is no
 * sound server or card the module fails to initialise with a catchable {@link Error} and the runtime falls back to
 * the headless module, saying why in {@link #fallbackReason()}. The default layer is never used on Linux: without a
 * sound card it fails a native check that aborts the JVM.
 */
public final class WebRtcRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcRuntime.class);
    private static final Map<AudioBackend, WebRtcRuntime> RUNTIMES = new EnumMap<>(AudioBackend.class);

    private final AudioDeviceModuleBase audioModule;
    private final PeerConnectionFactory factory;
    private final AudioBackend backend;
    private final String fallbackReason;
    /** The devices chosen in the Voice pane (null: the system's default), for modules opened later. */
    private volatile dev.onvoid.webrtc.media.audio.AudioDevice chosenInput;
    private volatile dev.onvoid.webrtc.media.audio.AudioDevice chosenOutput;

    private WebRtcRuntime(AudioDeviceModuleBase audioModule, PeerConnectionFactory factory, AudioBackend backend,
            String fallbackReason) {
        this.audioModule = audioModule;
        this.factory = factory;
        this.backend = backend;
        this.fallbackReason = fallbackReason;
    }

    /**
     * The process's runtime for {@code requested}, created on the first call and the same on every later one. Where
     * the sound devices cannot be opened, {@link AudioBackend#SYSTEM} gets the headless runtime (with a
     * {@link #fallbackReason()}).
     *
     * @throws AudioUnavailableException when WebRTC's native library cannot load
     */
    public static synchronized WebRtcRuntime start(AudioBackend requested) {
        WebRtcRuntime runtime = RUNTIMES.get(requested);
        if (runtime == null) {
            runtime = create(requested);
            RUNTIMES.put(requested, runtime);
        }
        return runtime;
    }

    /** What is actually in use (HEADLESS after a fallback). */
    public AudioBackend backend() {
        return backend;
    }

    /** Why the sound devices are not in use although they were asked for; empty when they are, or were not asked. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    public List<AudioDevice> inputs() {
        return backend == AudioBackend.SYSTEM ? endpoints(audioModule.getRecordingDevices()) : List.of();
    }

    public List<AudioDevice> outputs() {
        return backend == AudioBackend.SYSTEM ? endpoints(audioModule.getPlayoutDevices()) : List.of();
    }

    /** Uses this microphone from the next connection on. */
    public void useInput(String id) {
        requireDevices();
        chosenInput = find(audioModule.getRecordingDevices(), id, "microphone");
        audioModule.setRecordingDevice(chosenInput);
    }

    /** Plays through this speaker from the next connection on. */
    public void useOutput(String id) {
        requireDevices();
        chosenOutput = find(audioModule.getPlayoutDevices(), id, "speaker");
        audioModule.setPlayoutDevice(chosenOutput);
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

    /**
     * Opens the chosen microphone for audio that WebRTC does not send itself (the WebSocket transport): a module of
     * its own on the same audio layer, so the peer connections' module keeps its own audio path. Frames of 10 ms go
     * to {@code sink} on the module's capture thread until the module is stopped and disposed.
     *
     * @throws AudioUnavailableException when the device cannot be opened
     */
    AudioDeviceModule openCapture(AudioSink sink) {
        requireDevices();
        try {
            AudioDeviceModule module = new AudioDeviceModule(systemLayer());
            if (chosenInput != null) {
                module.setRecordingDevice(chosenInput);
            }
            module.setAudioSink(sink); // before init: the module takes its callback when it starts
            module.initRecording();
            module.startRecording();
            return module;
        } catch (Error | RuntimeException e) {
            throw new AudioUnavailableException("the microphone could not be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the chosen speaker (or, headless, WebRTC's playout clock that pulls 10 ms every 10 ms and discards it) for
     * audio that WebRTC does not receive itself: {@code source} is asked for each 10 ms on the playout thread.
     *
     * @throws AudioUnavailableException when the device cannot be opened
     */
    AudioDeviceModuleBase openPlayout(AudioSource source) {
        try {
            AudioDeviceModuleBase module;
            if (backend == AudioBackend.SYSTEM) {
                AudioDeviceModule device = new AudioDeviceModule(systemLayer());
                if (chosenOutput != null) {
                    device.setPlayoutDevice(chosenOutput);
                }
                module = device;
            } else {
                module = new HeadlessAudioDeviceModule();
            }
            module.setAudioSource(source); // before init: a source set on a running module is never asked
            module.initPlayout();
            module.startPlayout();
            return module;
        } catch (Error | RuntimeException e) {
            throw new AudioUnavailableException("the speaker could not be opened: " + e.getMessage(), e);
        }
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
                    return start(AudioBackend.HEADLESS).withFallbackReason(reason);
                }
                LOG.info("WebRTC audio: system sound devices");
                return new WebRtcRuntime(devices, new PeerConnectionFactory(devices, voiceProcessing()),
                        AudioBackend.SYSTEM, null);
            }
            return headless();
        } catch (UnsatisfiedLinkError e) {
            throw new AudioUnavailableException("WebRTC's native library did not load: " + e.getMessage()
                    + (isLinux() ? " (on Linux it needs the libpulse0 package)" : ""), e);
        }
    }

    /** The headless runtime, as the system one after a fallback: the same stack, with the reason attached. */
    private WebRtcRuntime withFallbackReason(String reason) {
        return new WebRtcRuntime(audioModule, factory, backend, reason);
    }

    private static WebRtcRuntime headless() {
        HeadlessAudioDeviceModule module = new HeadlessAudioDeviceModule();
        // Playout must run before the factory exists: its 10 ms pull is what drives every connection's receive side,
        // so remote audio reaches a track's sinks only while it runs.
        module.initPlayout();
        module.startPlayout();
        return new WebRtcRuntime(module, new PeerConnectionFactory(module), AudioBackend.HEADLESS, null);
    }

    /** Echo cancellation, noise suppression, gain control and a high-pass filter on captured audio. */
    static AudioProcessing voiceProcessing() {
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

    private static List<AudioDevice> endpoints(List<dev.onvoid.webrtc.media.audio.AudioDevice> devices) {
        return devices.stream().map(d -> new AudioDevice(d.getDescriptor(), d.getName())).toList();
    }

    private static dev.onvoid.webrtc.media.audio.AudioDevice find(List<dev.onvoid.webrtc.media.audio.AudioDevice> devices,
            String id, String kind) {
        return devices.stream().filter(d -> d.getDescriptor().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " with id " + id));
    }
}
