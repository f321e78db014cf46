/** Domain, configuration, the typed client of the companion service and the desktop flows. No JavaFX, no natives. */
module donna.core {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires transitive java.net.http;
    requires org.slf4j;
    // The WebSocket voice transport (wss://.../v1/realtime).
    requires okhttp3;

    exports donna.core;
    exports donna.core.api;
    exports donna.core.chat;
    exports donna.core.voice;
    exports donna.core.voice.protocol;
    exports donna.core.voice.websocket;
}
