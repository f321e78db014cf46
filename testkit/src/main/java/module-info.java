/**
 * Loopback fakes (127.0.0.1 only) of the outside services DONNA talks to, for tests only. The fakes demo mode runs
 * too (OpenAI, Google) are product code in donna.standins, which this module passes on to its users.
 */
module donna.testkit {
    requires transitive donna.standins;
    requires transitive com.nimbusds.jose.jwt;
    requires jdk.httpserver;
    requires org.slf4j;

    exports donna.testkit.clerk;
    exports donna.testkit.sentry;
    exports donna.testkit.webhooks;
}
