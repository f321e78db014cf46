package donna.audio.webrtc;

/** Child-process half of {@link TestWebRtcRuntime}: asks for system audio where there is none, prints the outcome. */
public final class SystemAudioProbe {
    private SystemAudioProbe() {}

    public static void main(String[] args) {
        WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.SYSTEM);
        System.out.println("backend=" + runtime.backend());
        System.out.println("reason=" + runtime.fallbackReason().orElse("none"));
        System.out.println("same=" + (WebRtcRuntime.start(AudioBackend.HEADLESS) == runtime));
        System.out.flush();
        Runtime.getRuntime().halt(0); // native WebRTC threads would keep a normal exit waiting
    }
}
