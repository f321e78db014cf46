package donna.core.voice.websocket;

import donna.core.api.BackendClient;
import donna.core.chat.Profile;
import donna.core.voice.RealtimeConnectRequest;
import java.util.function.Supplier;
import okhttp3.Request;

/**
 * The companion service's relay ({@code GET /api/realtime/ws?profile=}, docs/api.md): the service connects to
 * OpenAI with its own key, so the app needs no route to OpenAI and no minted secret; the upgrade carries the
 * service's own credentials (the bundled service's secret and {@code X-Donna-User}, or the signed-in token). The
 * service refuses after the upgrade with a close: 1008 for the credential or the budget, 1013 for "try later".
 */
public final class RelayEndpoint implements WebSocketEndpoint {
    /** Policy violation: no or a bad credential, no user, a bad profile, the voice budget spent. */
    public static final int REFUSED = 1008;
    /** Try again later: the rate limit, the service's caps, a database that is down. */
    public static final int TRY_LATER = 1013;

    private final Supplier<Request> upgrade;

    /**
     * The relay of the service {@code client} talks to, with its credentials, DONNA speaking as {@code profile};
     * both asked at each connect.
     */
    public static RelayEndpoint of(Supplier<BackendClient> client, Supplier<Profile> profile) {
        return new RelayEndpoint(() -> client.get().realtimeRelayRequest(profile.get()));
    }

    /** @param upgrade the relay's upgrade request with the service's credentials, built at each connect */
    public RelayEndpoint(Supplier<Request> upgrade) {
        this.upgrade = upgrade;
    }

    @Override
    public Request upgrade(RealtimeConnectRequest request) {
        return upgrade.get();
    }

    @Override
    public boolean usesClientSecret() {
        return false;
    }

    @Override
    public boolean awaitsFirstEvent() {
        return true;
    }

    @Override
    public String closeReason(int code, String reason) {
        String why = reason == null || reason.isBlank() ? "" : ": " + reason;
        return switch (code) {
            case REFUSED -> "the service refused the relayed voice connection" + why;
            case TRY_LATER -> "the service's relay is busy; try again in a moment" + why;
            case 1011 -> "the service could not reach OpenAI for the relay" + why;
            default -> "the service's relay closed the connection (" + code + ")" + why;
        };
    }

    @Override
    public String refusedReason(int status) {
        return status == 404 ? "the service does not offer the relay (ENABLE_WS_PROXY is off)"
                : "the service refused the relay (HTTP " + status + ")";
    }
}
