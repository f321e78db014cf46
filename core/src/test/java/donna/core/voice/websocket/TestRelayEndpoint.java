package donna.core.voice.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The relay's refusals in words the Voice pane can show. */
class TestRelayEndpoint {
    private final RelayEndpoint relay = new RelayEndpoint(
            () -> new Request.Builder().url("ws://127.0.0.1:1/api/realtime/ws?profile=general").build());

    @Test
    void theServicesCloseCodesBecomeReasons() {
        assertThat(relay.closeReason(1008, "Sign in again (missing or invalid token)"))
                .isEqualTo("the service refused the relayed voice connection: Sign in again (missing or invalid "
                        + "token)");
        assertThat(relay.closeReason(1013, "Too many relayed voice sessions; end one or try again shortly"))
                .startsWith("the service's relay is busy; try again in a moment: Too many");
        assertThat(relay.closeReason(1011, "")).isEqualTo("the service could not reach OpenAI for the relay");
        assertThat(relay.refusedReason(404)).isEqualTo("the service does not offer the relay (ENABLE_WS_PROXY is off)");
    }

    @Test
    void itOpensWithTheServicesCredentialsNotTheSecret() {
        assertThat(relay.usesClientSecret()).isFalse();
        assertThat(relay.awaitsFirstEvent()).as("a refusal comes after the upgrade").isTrue();
    }
}
