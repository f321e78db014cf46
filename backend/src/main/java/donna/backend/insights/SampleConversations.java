package donna.backend.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Sample conversations of a made-up bike shop's help desk, for a person who has none yet to see what Insights does
 * (demo mode's empty pane offers them). They go through the real ingestion and scoring like any app's conversations,
 * marked {@code "sample": true} in their metadata with external ids {@code sample:<key>}, spread over the last week;
 * removing them deletes exactly those.
 */
final class SampleConversations {
    static final String PREFIX = "sample:";
    private static final String RESOURCE = "sample-conversations.json";

    private final Jdbi jdbi;
    private final Ingestion ingestion;
    private final Clock clock;
    private final ObjectMapper mapper;

    SampleConversations(Jdbi jdbi, Ingestion ingestion, Clock clock, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.ingestion = ingestion;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Whether a conversation is one of the samples (both marks, so an app's own {@code sample:} id is not one). */
    static boolean isSample(String externalId, JsonNode metadata) {
        return externalId != null && externalId.startsWith(PREFIX) && metadata != null
                && metadata.path("sample").asBoolean(false);
    }

    /** How many sample conversations the owner has. */
    int count(UUID owner) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from conversations where owner_id = :o "
                        + "and external_id like 'sample:%' and metadata ->> 'sample' = 'true'")
                .bind("o", owner).mapTo(Integer.class).one());
    }

    /** Adds the samples, dated back from now; samples added before are replaced (their dates would be stale). */
    int add(UUID owner) {
        remove(owner);
        JsonNode file = read();
        Instant now = clock.instant();
        int added = 0;
        for (JsonNode c : file.path("conversations")) {
            Instant start = now.minus(Duration.ofDays(c.path("days_ago").asLong()))
                    .minus(Duration.ofHours(c.path("hours_ago").asLong()));
            List<Incoming> messages = new ArrayList<>();
            for (JsonNode m : c.path("messages")) {
                messages.add(new Incoming(m.path("role").asText(), m.path("content").asText(),
                        start.plusSeconds(m.path("after_s").asLong()), m.path("metadata").deepCopy()));
            }
            ObjectNode metadata = c.path("metadata").isObject() ? c.path("metadata").deepCopy()
                    : mapper.createObjectNode();
            metadata.put("sample", true).put("app", file.path("app").asText());
            ingestion.ingest(owner, Ingestion.Source.API, PREFIX + c.path("key").asText(), messages, metadata, true);
            added++;
        }
        return added;
    }

    /** Deletes the owner's samples (their messages and failures go with them). */
    int remove(UUID owner) {
        return jdbi.withHandle(h -> h.createUpdate("delete from conversations where owner_id = :o "
                        + "and external_id like 'sample:%' and metadata ->> 'sample' = 'true'")
                .bind("o", owner).execute());
    }

    private JsonNode read() {
        try (InputStream in = SampleConversations.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the service");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
