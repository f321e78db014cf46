package donna.core.api;

import java.time.Instant;

/** {@code GET /api/health}. */
public record Health(boolean ok, String service, String version, Instant time) {}
