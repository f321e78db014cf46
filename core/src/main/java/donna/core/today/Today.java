package donna.core.today;

import donna.core.leads.Lead;
import java.util.List;

/**
 * The front desk's day as the service holds it: messages taken and not yet done (oldest first), and leads whose
 * follow-up is due. (Triage of unread mail and autopilot's review queue are not part of it yet.)
 */
public record Today(List<TakenMessage> messages, List<Lead> followUps) {
    public Today {
        messages = List.copyOf(messages);
        followUps = List.copyOf(followUps);
    }
}
