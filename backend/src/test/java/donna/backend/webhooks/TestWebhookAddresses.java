package donna.backend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.config.BackendConfig;
import donna.backend.crypto.TokenKeys;
import donna.backend.outbound.OutboundAddressPolicy;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TestWebhookAddresses {
    /** A resolver for names the test invents; anything else does not resolve. */
    private static OutboundAddressPolicy.Resolver names(Map<String, String> table) {
        return host -> {
            String address = table.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    private static final OutboundAddressPolicy.Resolver DNS = names(Map.of(
            "hooks.example.com", "93.184.216.34",
            "intranet.example.com", "10.20.30.40",
            "sneaky.example.com", "169.254.169.254",
            "local.example.com", "127.0.0.1"));

    private static String refusal(OutboundAddressPolicy policy, String url) {
        try {
            policy.check(url);
            return null;
        } catch (OutboundAddressPolicy.Refused refused) {
            return refused.getMessage();
        }
    }

    @Test
    void only_https_to_public_addresses_passes_by_default() throws Exception {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(false, DNS);

        OutboundAddressPolicy.Target ok = policy.check("https://hooks.example.com/donna?x=1");
        assertThat(ok.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(refusal(policy, "https://93.184.216.34/hook")).isNull();

        assertThat(refusal(policy, "http://127.0.0.1:8080/hook")).contains("127.0.0.1").contains("loopback");
        assertThat(refusal(policy, "https://local.example.com/hook")).contains("loopback");
        assertThat(refusal(policy, "https://[::1]/hook")).contains("loopback");
        assertThat(refusal(policy, "https://10.1.2.3/hook")).isEqualTo("10.1.2.3 is a private address");
        assertThat(refusal(policy, "https://172.16.0.9/hook")).contains("private");
        assertThat(refusal(policy, "https://192.168.1.1/hook")).contains("private");
        assertThat(refusal(policy, "https://169.254.169.254/latest/meta-data/")).contains("cloud metadata");
        assertThat(refusal(policy, "https://169.254.10.10/")).contains("link-local");
        assertThat(refusal(policy, "https://100.64.1.1/")).contains("carrier-grade NAT");
        assertThat(refusal(policy, "https://0.0.0.0/")).contains("unspecified");
        assertThat(refusal(policy, "https://[fd00:ec2::254]/")).contains("unique-local");
        assertThat(refusal(policy, "https://[fe80::1]/")).contains("link-local");
        assertThat(refusal(policy, "https://[::ffff:10.0.0.1]/")).contains("private");
        assertThat(refusal(policy, "https://[64:ff9b::a00:1]/")).contains("private");
        assertThat(refusal(policy, "http://hooks.example.com/hook")).contains("must use https");
        assertThat(refusal(policy, "ftp://hooks.example.com/")).contains("must use https");
        assertThat(refusal(policy, "https://user:pw@hooks.example.com/")).contains("user name or password");
        assertThat(refusal(policy, "https://nowhere.example.com/")).contains("does not resolve");
        assertThat(refusal(policy, "not a url")).isNotNull();
        assertThat(refusal(policy, null)).contains("missing");
    }

    @Test
    void a_name_resolving_to_a_private_or_metadata_address_is_refused_naming_both() {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(false, DNS);
        assertThat(refusal(policy, "https://intranet.example.com/hook"))
                .isEqualTo("intranet.example.com resolves to 10.20.30.40, which is a private address");
        assertThat(refusal(policy, "https://sneaky.example.com/hook")).contains("cloud metadata");

        // One bad address among good ones is enough: a connection could go to any of them.
        OutboundAddressPolicy mixed = new OutboundAddressPolicy(false, host -> List.of(
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.10")));
        assertThat(refusal(mixed, "https://mixed.example.com/")).contains("192.168.0.10");
    }

    @Test
    void loopback_over_http_passes_only_with_the_flag() {
        OutboundAddressPolicy policy = new OutboundAddressPolicy(true, DNS);
        assertThat(refusal(policy, "http://127.0.0.1:9000/hook")).isNull();
        assertThat(refusal(policy, "http://local.example.com:9000/hook")).isNull();
        assertThat(refusal(policy, "http://hooks.example.com/hook")).as("plain http elsewhere").contains("https");
        assertThat(refusal(policy, "https://10.0.0.1/")).as("the flag opens loopback only").contains("private");
    }

    @Test
    void the_api_refuses_these_addresses_at_creation_with_the_reason() {
        try (WebhookFixture f = new WebhookFixture(false)) {
            for (var c : List.of(new String[] {f.receiver.url("/hook"), "loopback"},
                    new String[] {"https://10.0.0.8/hook", "private"},
                    new String[] {"https://169.254.169.254/latest/meta-data/", "cloud metadata"},
                    new String[] {"http://example.com/hook", "https"})) {
                Http.Response r = f.post("ann", "/api/webhooks", Map.of("url", c[0], "events", List.of("mail.sent")));
                assertThat(r.status()).as(c[0]).isEqualTo(400);
                assertThat(r.errorCode()).isEqualTo("webhook_url_refused");
                assertThat(r.json().path("error").path("message").asText()).contains(c[1]);
            }
            assertThat(f.get("ann", "/api/webhooks").json().path("webhooks")).isEmpty();
        }
    }

    @Test
    void the_address_is_checked_again_at_delivery_and_the_connection_goes_to_the_vetted_one() {
        try (WebhookFixture f = new WebhookFixture(true)) {
            UUID ann = f.userId("ann");
            WebhookStore store = new WebhookStore(f.jdbi(), TokenKeys.cipher(BackendConfig.loopback(f.dir,
                    TestService.SECRET)));
            // Saved while its name looked public; by delivery time it resolves inside the network (rebinding).
            Webhook rebound = store.create(ann, "https://intranet.example.com/hook", List.of("mail.sent"),
                    "whsec_a").orElseThrow();
            // A name only the worker's resolver knows, answered with the receiver's loopback address: a delivery
            // that arrives proves the connection used the vetted address, not a second lookup.
            int port = f.receiver.port();
            store.create(ann, "http://receiver.test:" + port + "/hook", List.of("mail.sent"), "whsec_b")
                    .orElseThrow();
            f.service.service().webhookEvents().publish(ann, "mail.sent", WebhookFixture.JSON.createObjectNode());

            OutboundAddressPolicy policy = new OutboundAddressPolicy(true, names(Map.of(
                    "intranet.example.com", "10.20.30.40", "receiver.test", "127.0.0.1")));
            WebhookWorker worker = new WebhookWorker(f.jdbi(), TokenKeys.cipher(BackendConfig.loopback(f.dir,
                    TestService.SECRET)), policy, f.clock, WebhookWorker.Settings.defaults());
            assertThat(worker.runDue()).isEqualTo(2);

            assertThat(f.receiver.requests()).hasSize(1);
            assertThat(f.receiver.requests().get(0).header("Host")).isEqualTo("receiver.test:" + port);
            JsonNode refused = f.get("ann", "/api/webhooks/" + rebound.id() + "/deliveries").json()
                    .path("deliveries").get(0);
            assertThat(refused.path("status").asText()).isEqualTo("pending");
            assertThat(refused.path("last_error").asText()).contains("address refused")
                    .contains("10.20.30.40").contains("private");
            assertThat(refused.has("last_status")).isFalse();
        }
    }

    @Test
    void unvetted_names_do_not_resolve_through_the_vetted_dns() throws Exception {
        OutboundAddressPolicy.Target target = new OutboundAddressPolicy(false, DNS)
                .check("https://hooks.example.com/x");
        var dns = new donna.backend.outbound.VettedDns(target);
        assertThat(dns.lookup("hooks.example.com")).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThatThrownBy(() -> dns.lookup("other.example.com")).isInstanceOf(UnknownHostException.class);
        assertThat(donna.backend.outbound.VettedDns.url(target).host()).isEqualTo("hooks.example.com");

        // Should OkHttp ever read a different host than the check did, the call is refused rather than sent there.
        var misread = new OutboundAddressPolicy.Target(java.net.URI.create("https://10.0.0.1/x"), "hooks.example.com",
                target.addresses());
        assertThatThrownBy(() -> donna.backend.outbound.VettedDns.url(misread))
                .isInstanceOf(OutboundAddressPolicy.Refused.class).hasMessageContaining("read two ways");
        var renamed = new OutboundAddressPolicy.Target(java.net.URI.create("https://evil.example.net/x"),
                "hooks.example.com", target.addresses());
        assertThatThrownBy(() -> donna.backend.outbound.VettedDns.url(renamed))
                .isInstanceOf(OutboundAddressPolicy.Refused.class);
    }
}
