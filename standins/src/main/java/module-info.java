/**
 * Loopback stand-ins (127.0.0.1 only) of OpenAI (HTTP, the Realtime API, GPT-Live) and Google (OAuth + Gmail):
 * product code, since demo mode runs them when no key is set; tests script the same classes through the testkit.
 */
@SuppressWarnings("module") // the qualified export below names donna.testkit, which is built after this module
module donna.standins {
    requires transitive donna.core;
    requires transitive com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires jakarta.mail;
    requires org.slf4j;
    // WAV files for the headless sound devices (WavVoiceAudio).
    requires java.desktop;
    // Jetty serves the fake OpenAI: the JDK server has no WebSockets, and the Realtime API needs one.
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.websocket.server;
    requires org.eclipse.jetty.websocket.api;
    requires org.eclipse.jetty.websocket.common;
    // The WebRTC peer behind the fake's POST /v1/realtime/calls.
    requires webrtc.java;

    exports donna.standins.openai;
    exports donna.standins.google;
    exports donna.standins.live;
    exports donna.standins.realtime;
    // The loopback servers' helpers, not an API: Jetty calls the fakes' WebSocket endpoints through public method
    // handles, and the testkit's own fakes (Clerk, ElevenLabs) build on them.
    exports donna.standins.support to org.eclipse.jetty.websocket.common, donna.testkit;
}
