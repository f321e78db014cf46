package donna.backend.auth;

/** The gate's client-address rule, for tests in other packages. */
public final class AuthGateAccess {
    private AuthGateAccess() {}

    public static String clientIp(String forwardedFor, String peer, int hops) {
        return AuthGate.clientIp(forwardedFor, peer, hops);
    }
}
