package donna.core.campaigns;

import java.util.List;

/**
 * A campaign just made (a draft, not started) with the rows of its audience that cannot be mailed and why.
 *
 * @param suppressed how many were left out because they unsubscribed or bounced before
 */
public record Draft(Campaign campaign, List<Refused> refused, int suppressed) {
    public Draft {
        refused = List.copyOf(refused);
    }

    /**
     * A row not taken: {@code row} is the CSV line (1 is the header) or the position in the list (from 1);
     * {@code reason} is {@code bad_address}, {@code duplicate} or {@code suppressed}.
     */
    public record Refused(int row, String value, String reason) {}
}
