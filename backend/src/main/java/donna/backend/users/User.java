package donna.backend.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** A person known to the service, keyed by their Clerk user id ("local" for the bundled app's one user). */
public record User(UUID id, @JsonProperty("clerk_id") String clerkId, String email) {}
