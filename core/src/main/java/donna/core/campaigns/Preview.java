package donna.core.campaigns;

/** What one recipient gets, merge fields filled in. */
public record Preview(String email, String subject, String body) {}
