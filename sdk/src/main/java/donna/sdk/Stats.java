package donna.sdk;

/**
 * What became of the conversations handed to {@link Insights#track}, counted per call of {@code track}.
 *
 * @param tracked  accepted by {@code track}
 * @param sent     the service took them (2xx)
 * @param failed   given up: refused (400, 401, 403, 413, ...) or still failing after the last retry
 * @param dropped  pushed out of a full queue (the oldest go first), or still queued when {@code close} gave up, or
 *                 tracked after {@code close}
 * @param retries  requests sent again after a 429, a 5xx or an I/O error
 * @param queued   waiting to be sent now
 */
public record Stats(long tracked, long sent, long failed, long dropped, long retries, int queued) {}
