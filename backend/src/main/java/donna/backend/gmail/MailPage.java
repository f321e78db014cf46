package donna.backend.gmail;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of the inbox; {@code next_page_token} is null on the last page. */
public record MailPage(List<MailSummary> messages, @JsonProperty("next_page_token") String nextPageToken) {}
