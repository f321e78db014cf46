package donna.core.mail.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * What one flush did.
 *
 * @param sent      mails sent (or confirmed sent by the service under their key)
 * @param failed    mails the service refused for good
 * @param remaining mails still waiting when the flush stopped
 * @param retryAt   when to try again, when the flush stopped on a failure that may pass
 * @param problem   that failure, in the service's words
 */
public record FlushReport(int sent, int failed, int remaining, Optional<Instant> retryAt, Optional<String> problem) {

    public static FlushReport nothingToDo() {
        return new FlushReport(0, 0, 0, Optional.empty(), Optional.empty());
    }

    /** This report's numbers added to an earlier one's, with this one's state. */
    FlushReport after(FlushReport earlier) {
        return new FlushReport(earlier.sent + sent, earlier.failed + failed, remaining, retryAt, problem);
    }
}
