package donna.backend.insights;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The voice trouble a transcript alone does not show: the person talking over DONNA (barge-ins) and the connection
 * dropping and coming back (reconnects), read from the app's voice events log ({@code voice_events}) and mirrored
 * into the voice conversation as system messages marked {@code {"event":"barge_in"}} or {@code {"event":
 * "reconnect"}}, which the scorer counts (storms, reconnects) and the conversation's transcript shows in place.
 *
 * <p>Voice events name their voice session, not the chat the transcript went into, so a transcript batch takes the
 * owner's events from {@link #BEFORE} before its first message to {@link #AFTER} after its last: one person speaks
 * in one voice session at a time. Mirroring the same event twice adds it once (a message is the same when role,
 * time and content are). An event reported after the session's last transcript batch is not mirrored.
 */
final class VoiceMoments {
    static final Duration BEFORE = Duration.ofMinutes(5);
    static final Duration AFTER = Duration.ofSeconds(30);
    static final String BARGE_IN_TEXT = "(voice) The person spoke over DONNA; her answer was cut off.";
    static final String RECONNECT_TEXT = "(voice) The connection dropped and DONNA reconnected.";
    private static final int MAX_EVENTS = 200;

    private final Jdbi jdbi;

    VoiceMoments(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The owner's barge-ins and reconnects around these transcript times, oldest first. */
    List<Incoming> around(UUID owner, List<Instant> transcriptTimes) {
        if (transcriptTimes.isEmpty()) {
            return List.of();
        }
        Instant first = transcriptTimes.stream().min(Instant::compareTo).orElseThrow();
        Instant last = transcriptTimes.stream().max(Instant::compareTo).orElseThrow();
        return jdbi.withHandle(h -> h.createQuery("""
                        select type, at from voice_events
                        where user_id = :u and type in ('barge_in', 'reconnect') and at >= :from and at <= :to
                        order by at, id limit :n""")
                .bind("u", owner)
                .bind("from", OffsetDateTime.ofInstant(first.minus(BEFORE), ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(last.plus(AFTER), ZoneOffset.UTC))
                .bind("n", MAX_EVENTS)
                .map((rs, c) -> moment(rs.getString("type"), rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list());
    }

    private static Incoming moment(String type, Instant at) {
        return new Incoming("system", "barge_in".equals(type) ? BARGE_IN_TEXT : RECONNECT_TEXT, at,
                JsonNodeFactory.instance.objectNode().put("event", type));
    }
}
