package donna.standins.realtime;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The fake's own WebRTC stack: one headless factory for every fake call in the process, created on the first call
 * and kept (native WebRTC cannot be disposed cleanly). It is separate from the app's factory on purpose: a factory
 * fans captured audio out to every send stream it owns, so sharing one with an app that captures a real microphone
 * would feed that microphone into the fake's pushed voice from a second thread, which aborts the process.
 */
final class PeerFactory {
    private static PeerConnectionFactory factory;

    private PeerFactory() {}

    static synchronized PeerConnectionFactory get() {
        if (factory == null) {
            HeadlessAudioDeviceModule module = new HeadlessAudioDeviceModule();
            // Its 10 ms playout pull drives the receive side: without it the caller's audio never reaches a sink.
            module.initPlayout();
            module.startPlayout();
            factory = new PeerConnectionFactory(module);
        }
        return factory;
    }
}
