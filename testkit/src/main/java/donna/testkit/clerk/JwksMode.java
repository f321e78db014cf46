package donna.testkit.clerk;

/** How the fake answers {@code /.well-known/jwks.json}: normally, or in one of the ways a real outage looks. */
public enum JwksMode {
    /** 200 with the key set. */
    SERVE,
    /** 500 with an empty body. */
    ERROR_500,
    /** Closes the connection without answering (what a client sees when the host is unreachable mid-request). */
    DROP_CONNECTION,
    /** Never answers until the mode changes or the fake closes: for client timeouts. */
    HANG
}
