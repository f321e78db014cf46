/** The companion service: auth, CORS, rate limits, persistence in Postgres, and the routes the app calls. */
module donna.backend {
    requires io.javalin;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires embedded.postgres;
    requires flyway.core;
    requires com.zaxxer.hikari;
    requires org.postgresql.jdbc;
    requires org.jdbi.v3.core;
    requires com.nimbusds.jose.jwt;
    requires io.github.bucket4j.core;
    requires io.github.bucket4j.postgresql;
    requires com.github.benmanes.caffeine;
    requires io.github.cdimascio.dotenv.java;
    requires sentry;
    requires java.sql;
    requires java.net.http;
    requires java.logging;
    requires dev.failsafe.core;
    requires okhttp3;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.util;
    requires org.eclipse.jetty.websocket.api;
    requires com.google.api.services.gmail;
    requires google.api.client;
    requires com.google.api.client;
    requires com.google.api.client.auth;
    requires com.google.api.client.json.gson;
    requires jakarta.mail;
    requires org.jsoup;
    requires com.github.kagkarlsson.scheduler;
    requires org.bouncycastle.provider;

    exports donna.backend;
    exports donna.backend.config;
    exports donna.backend.http;
    exports donna.backend.db;
    exports donna.backend.insights;

    // Jackson reads and writes the route records reflectively.
    opens donna.backend.chat to com.fasterxml.jackson.databind;
    opens donna.backend.memory to com.fasterxml.jackson.databind;
    opens donna.backend.realtime to com.fasterxml.jackson.databind;
    opens donna.backend.users to com.fasterxml.jackson.databind;
    opens donna.backend.gmail to com.fasterxml.jackson.databind;
    opens donna.backend.autopilot to com.fasterxml.jackson.databind;
    opens donna.backend.drafts to com.fasterxml.jackson.databind;
    opens donna.backend.actions to com.fasterxml.jackson.databind;
    opens donna.backend.tools to com.fasterxml.jackson.databind;
    opens donna.backend.insights to com.fasterxml.jackson.databind;
    opens donna.backend.leads to com.fasterxml.jackson.databind;
    opens donna.backend.today to com.fasterxml.jackson.databind;
    opens db.migration;
}
