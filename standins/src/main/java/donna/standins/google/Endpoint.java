package donna.standins.google;

/** The fake's endpoints, for counting calls, injecting faults and charging quota units (Gmail's real costs). */
public enum Endpoint {
    AUTHORIZE(0),
    TOKEN(0),
    /** OAuth token revocation (POST {@code /revoke}, {@code token=...}): ends the grant. */
    REVOKE(0),
    PROFILE(1),
    LIST(5),
    GET(5),
    SEND(100),
    MODIFY(5),
    /** {@code threads.get}: a thread's messages (Gmail charges 10 units). */
    THREAD_GET(10),
    /** The outer batch call is free; each request inside it is charged and counted as its own endpoint. */
    BATCH(0);

    private final int quotaUnits;

    Endpoint(int quotaUnits) {
        this.quotaUnits = quotaUnits;
    }

    /** Gmail's per-user quota units for one call. */
    public int quotaUnits() {
        return quotaUnits;
    }
}
