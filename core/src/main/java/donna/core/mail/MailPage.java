package donna.core.mail;

import java.util.List;
import java.util.Optional;

/** One page of the inbox, newest first; {@code nextPageToken} is null on the last page. */
public record MailPage(List<MailSummary> messages, String nextPageToken) {
    public MailPage {
        messages = List.copyOf(messages);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextPageToken);
    }
}
