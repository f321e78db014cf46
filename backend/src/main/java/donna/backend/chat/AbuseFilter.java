package donna.backend.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a user message is abusive: a local rule list first (works offline, costs nothing), then the
 * moderation endpoint. If the endpoint is unreachable the local verdict stands: chat keeps working offline, and
 * the outage is logged.
 */
public final class AbuseFilter {
    private static final Logger log = LoggerFactory.getLogger(AbuseFilter.class);

    private final List<Pattern> rules;
    private final Moderation moderation;

    public AbuseFilter(Moderation moderation) {
        this.moderation = moderation;
        this.rules = loadRules();
    }

    /** @return why the message is flagged, or empty when it is fine */
    public Optional<String> check(String message) {
        for (Pattern rule : rules) {
            if (rule.matcher(message).find()) {
                return Optional.of("local-rule");
            }
        }
        try {
            return Optional.ofNullable(moderation.flaggedCategories(message)).map(c -> "moderation:" + c);
        } catch (RuntimeException e) {
            log.warn("Moderation unavailable, local rules only: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Pattern> loadRules() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AbuseFilter.class.getResourceAsStream("abuse-rules.txt"), StandardCharsets.UTF_8))) {
            return in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> Pattern.compile(l, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
