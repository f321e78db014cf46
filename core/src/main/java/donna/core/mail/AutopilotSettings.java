package donna.core.mail;

/**
 * How autopilot answers routine unread mail ({@code GET|PUT /api/gmail/autopilot/settings}).
 *
 * @param sendWithoutReview send drafts at once instead of queueing them for review
 * @param perRunCap         most drafts one pass writes
 * @param perDayCap         most drafts a day (UTC)
 */
public record AutopilotSettings(boolean enabled, boolean sendWithoutReview, int perRunCap, int perDayCap) {}
