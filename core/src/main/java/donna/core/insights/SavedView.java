package donna.core.insights;

import java.time.Instant;

/** A saved view of the conversation list: a name for a set of filters and an order. */
public record SavedView(String id, String name, ConversationFilter filter, ConversationSort sort, Instant createdAt,
        Instant updatedAt) {}
