/** Loopback fakes (127.0.0.1 only) of the outside services DONNA talks to, for tests and the demo mode. */
module donna.testkit {
    requires transitive donna.core;
    requires transitive com.nimbusds.jose.jwt;
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

    exports donna.testkit.clerk;
    exports donna.testkit.openai;
    exports donna.testkit.google;
    exports donna.testkit.live;
    exports donna.testkit.realtime;
    exports donna.testkit.sentry;
    exports donna.testkit.webhooks;
    // Jetty calls the fakes' WebSocket endpoints through public method handles.
    exports donna.testkit.support to org.eclipse.jetty.websocket.common;
}
