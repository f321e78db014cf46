package donna.core.webhooks;

/**
 * One event sent (or being sent) to a webhook.
 *
 * @param status     {@code pending}, {@code delivered} or {@code failed}
 * @param lastStatus the receiver's last HTTP status (0 when it never answered)
 * @param lastError  why the last attempt failed (null when none did)
 */
public record Delivery(String id, String event, String status, int attempts, int lastStatus, String lastError,
        String createdAt) {}
