/** Loopback fakes (127.0.0.1 only) of the outside services DONNA talks to, for tests and the demo mode. */
module donna.testkit {
    requires transitive donna.core;
    requires transitive com.nimbusds.jose.jwt;
    requires transitive com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires jakarta.mail;
    requires org.slf4j;

    exports donna.testkit.clerk;
    exports donna.testkit.openai;
    exports donna.testkit.google;
}
