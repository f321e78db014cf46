package donna.standins.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Demo mode's stand-in for the model that sorts inbox senders into leads ("Find leads in my inbox"): when the
 * service sends its classification prompt ("Senders to classify as sales leads. ..."), it answers the JSON the
 * service asks for, judging each sender by words of their subject and text: a price, a quote, seats, an order are
 * hot; a demo, a trial, interest are warm; "later", "next year" are cold; anything else is not a lead.
 * Deterministic and no smarter than those words.
 */
final class DemoLeadClassifier {
    static final String PROMPT_START = "Senders to classify as sales leads.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final Pattern HOT = Pattern.compile(
            "\\b(pric(e|es|ing)|quotes?|quotation|seats|licen[cs]es?|contract|purchase|order|buy|budget)\\b", I);
    private static final Pattern WARM = Pattern.compile(
            "\\b(demo|trial|interested|interest|proposal|more information|learn more|how much)\\b", I);
    private static final Pattern COLD = Pattern.compile("\\b(later|next year|some ?day|keep me posted|not yet)\\b", I);
    private static final Set<String> MAIL_PROVIDERS = Set.of("gmail", "googlemail", "yahoo", "outlook", "hotmail",
            "icloud", "proton", "protonmail", "example", "aol", "gmx");

    private DemoLeadClassifier() {}

    private record Sender(String email, String name, String subject, String text) {}

    /** The JSON answer when {@code said} is the service's classification prompt; empty for anything else. */
    static Optional<String> classify(String said) {
        if (!said.startsWith(PROMPT_START)) {
            return Optional.empty();
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode senders = out.putArray("senders");
        for (Sender s : senders(said)) {
            String words = s.subject() + " " + s.text();
            String category = COLD.matcher(words).find() ? "cold" : HOT.matcher(words).find() ? "hot"
                    : WARM.matcher(words).find() ? "warm" : null;
            ObjectNode e = senders.addObject().put("email", s.email()).put("lead", category != null)
                    .put("name", s.name().isEmpty() ? null : s.name()).put("company", company(s.email()))
                    .put("category", category);
            e.put("reason", category == null ? "Nothing in \u201c" + clip(s.subject()) + "\u201d is about buying"
                    : switch (category) {
                        case "hot" -> "Asks about buying: \u201c" + clip(s.subject()) + "\u201d";
                        case "warm" -> "Shows interest: \u201c" + clip(s.subject()) + "\u201d";
                        default -> "Interested, but not now: \u201c" + clip(s.subject()) + "\u201d";
                    });
        }
        return Optional.of(out.toString());
    }

    /** The senders listed in the prompt ({@code email:}, {@code name:}, {@code subject:}, {@code text:} lines). */
    private static List<Sender> senders(String said) {
        List<Sender> out = new ArrayList<>();
        String email = null;
        String name = "";
        String subject = "";
        for (String line : said.split("\n")) {
            if (line.startsWith("email: ")) {
                email = line.substring(7).strip();
                name = "";
                subject = "";
            } else if (line.startsWith("name: ")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("subject: ")) {
                subject = line.substring(9).strip();
            } else if (line.startsWith("text: ") && email != null) {
                out.add(new Sender(email, name, subject, line.substring(6).strip()));
                email = null;
            }
        }
        return out;
    }

    /** "Northwind" for sam@northwind.example.com; null for a mail provider's address. */
    private static String company(String email) {
        int at = email.indexOf('@');
        String first = at < 0 ? "" : email.substring(at + 1).split("\\.")[0].toLowerCase(Locale.ROOT);
        if (first.isEmpty() || MAIL_PROVIDERS.contains(first)) {
            return null;
        }
        return Character.toUpperCase(first.charAt(0)) + first.substring(1);
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
