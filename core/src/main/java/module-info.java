/** Domain, configuration, the typed client of the companion service and the desktop flows. No JavaFX; the only native code is SQLite's (the mail outbox). */
module donna.core {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires jdk.httpserver;
    requires oauth2.oidc.sdk;
    requires org.slf4j;
    requires transitive java.sql;
    requires org.xerial.sqlitejdbc;
    // The companion-service client (api.ServiceHttp) and the WebSocket voice transport (wss://.../v1/realtime).
    requires okhttp3;

    exports donna.core;
    exports donna.core.api;
    exports donna.core.auth;
    exports donna.core.chat;
    exports donna.core.insights;
    exports donna.core.campaigns;
    exports donna.core.leads;
    exports donna.core.mail;
    exports donna.core.mail.connect;
    exports donna.core.mail.local;
    exports donna.core.mail.outbox;
    exports donna.core.oauth;
    exports donna.core.tools;
    exports donna.core.voice;
    exports donna.core.voice.batch;
    exports donna.core.voice.live;
    exports donna.core.voice.protocol;
    exports donna.core.voice.websocket;
    exports donna.core.today;
    exports donna.core.webhooks;
}
