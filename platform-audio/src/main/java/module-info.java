/**
 * Native-facing pieces of voice: the WebRTC transport (webrtc-java), sound devices, microphone feeding and playback
 * taps, WAV files, and the global push-to-talk hotkey.
 */
module donna.audio {
    requires transitive donna.core;
    requires webrtc.java;
    requires java.desktop;
    requires com.github.kwhat.jnativehook;
    requires java.logging;
    requires java.net.http; // webrtc.RealtimeCalls: the call's SDP exchange with the Realtime API
    requires org.slf4j;

    exports donna.audio;
    exports donna.audio.pcm;
    exports donna.audio.webrtc;
    exports donna.audio.hotkey;
    exports donna.audio.check;
}
