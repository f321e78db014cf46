package donna.backend.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import donna.backend.gmail.MailComposer;
import donna.backend.http.ApiException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who a campaign goes to, read from {@code {"emails":[...]}} or {@code {"csv":"..."}} (a header row with an
 * {@code email} column; {@code name}/{@code first_name} and every other column become merge fields). Rows that
 * cannot be mailed are refused with the reason, never silently dropped. Senders of a Gmail search are read by
 * {@link GmailAudience} and come in here as addresses.
 */
final class Audience {
    static final int MAX_RECIPIENTS = 5_000;
    static final String BAD_ADDRESS = "bad_address";
    static final String DUPLICATE = "duplicate";
    static final String SUPPRESSED = "suppressed";

    /**
     * One address to mail from row {@code row}, with its merge fields (lower-case names; {@code email} always,
     * {@code name} and {@code first_name} when a name is known).
     */
    record Recipient(int row, String email, String name, Map<String, String> fields) {}

    /** A row left out: its line (CSV, 1 is the header) or position in the list (from 1), what it held, and why. */
    record Refused(int row, String value, String reason) {}

    record Parsed(List<Recipient> recipients, List<Refused> refused) {}

    private Audience() {}

    /** The kind the audience names: {@code emails}, {@code csv} or {@code gmail_query}. */
    static String kind(JsonNode audience) {
        if (audience == null || !audience.isObject()) {
            throw CampaignInput.invalid("audience must be an object with emails, csv or gmail_query");
        }
        List<String> given = new ArrayList<>();
        for (String k : List.of("emails", "csv", "gmail_query")) {
            if (audience.hasNonNull(k)) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            throw CampaignInput.invalid("audience must have exactly one of emails, csv or gmail_query");
        }
        return given.getFirst();
    }

    static Parsed emails(JsonNode list) {
        if (!list.isArray()) {
            throw CampaignInput.invalid("audience.emails must be a list of addresses");
        }
        List<Candidate> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode e : list) {
            i++;
            if (!e.isTextual()) {
                throw CampaignInput.invalid("audience.emails[" + (i - 1) + "] must be a string");
            }
            rows.add(new Candidate(i, e.asText(), null, Map.of()));
        }
        return collect(rows);
    }

    static Parsed csv(JsonNode text) {
        if (!text.isTextual() || text.asText().isBlank()) {
            throw CampaignInput.invalid("audience.csv must be the text of a CSV file with a header row");
        }
        List<List<String>> rows = Csv.parse(text.asText());
        if (rows.isEmpty()) {
            // Only a byte order mark or line breaks: nothing a header row could be (found by TestAudienceCsvFuzz).
            throw CampaignInput.invalid("audience.csv must be the text of a CSV file with a header row");
        }
        List<String> header = rows.getFirst().stream().map(Audience::column).toList();
        int emailAt = header.indexOf("email");
        if (emailAt < 0) {
            throw CampaignInput.invalid("audience.csv needs an email column in its header row");
        }
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).isEmpty() || header.indexOf(header.get(c)) != c) {
                throw CampaignInput.invalid("audience.csv header column " + (c + 1)
                        + (header.get(c).isEmpty() ? " has no name" : " repeats " + header.get(c)));
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String value = c < row.size() ? row.get(c).strip() : "";
                if (c != emailAt && !value.isEmpty()) {
                    fields.put(header.get(c), value);
                }
            }
            String name = fields.getOrDefault("name", null);
            candidates.add(new Candidate(r + 1, emailAt < row.size() ? row.get(emailAt) : "", name, fields));
        }
        return collect(candidates);
    }

    /** A column name as a merge field: lower case, spaces and dashes as underscores ("First Name" is first_name). */
    static String column(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_").replaceAll("[^a-z0-9_]", "");
    }

    record Candidate(int row, String value, String name, Map<String, String> fields) {}

    static Parsed collect(List<Candidate> candidates) {
        List<Recipient> recipients = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            String shown = c.value() == null ? "" : c.value().strip();
            InternetAddress address;
            try {
                address = MailComposer.address("email", shown);
            } catch (ApiException e) {
                refused.add(new Refused(c.row(), clip(shown), BAD_ADDRESS));
                continue;
            }
            String email = address.getAddress().toLowerCase(Locale.ROOT);
            if (!seen.add(email)) {
                refused.add(new Refused(c.row(), email, DUPLICATE));
                continue;
            }
            if (recipients.size() >= MAX_RECIPIENTS) {
                throw CampaignInput.invalid("audience has more than " + MAX_RECIPIENTS + " recipients");
            }
            String name = c.name() != null ? c.name() : address.getPersonal();
            Map<String, String> fields = new LinkedHashMap<>(c.fields());
            if (name != null && !name.isBlank()) {
                fields.putIfAbsent("name", name.strip());
                fields.putIfAbsent("first_name", name.strip().split("\\s+")[0]);
            }
            fields.put("email", email);
            recipients.add(new Recipient(c.row(), email, name == null || name.isBlank() ? null : name.strip(),
                    fields));
        }
        return new Parsed(recipients, refused);
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\p{Cntrl}", " ");
        return one.length() > 200 ? one.substring(0, 200) : one;
    }
}
