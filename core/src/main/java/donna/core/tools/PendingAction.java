package donna.core.tools;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something with an effect outside DONNA (sending a mail) that waits for the person's yes.
 *
 * @param kind          {@code send_mail}
 * @param newAddresses  recipients the person has never written to nor typed in this chat: shown as "new address";
 *                      the model can never confirm such an action, only the person's click can
 * @param requiresClick only the person's click confirms it (never a yes relayed by the model)
 * @param status        {@code pending}, {@code confirmed} or {@code cancelled}
 */
public record PendingAction(String id, String kind, String draftId, List<String> to, List<String> cc, String subject,
                            String body, List<String> newAddresses, boolean requiresClick, String status,
                            String chatId, Instant createdAt) {
    public PendingAction {
        Objects.requireNonNull(id, "id");
        kind = Objects.requireNonNullElse(kind, "send_mail");
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        subject = Objects.requireNonNullElse(subject, "");
        body = Objects.requireNonNullElse(body, "");
        newAddresses = newAddresses == null ? List.of() : List.copyOf(newAddresses);
        status = Objects.requireNonNullElse(status, "pending");
    }

    public boolean pending() {
        return "pending".equals(status);
    }

    /** Whether {@code address} is one the person has not written to before. */
    public boolean isNew(String address) {
        return newAddresses.stream().anyMatch(a -> a.equalsIgnoreCase(address));
    }
}
