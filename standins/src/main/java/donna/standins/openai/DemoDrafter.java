package donna.standins.openai;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Demo mode's stand-in for the drafting model: when the service asks for a reply to a mail ("The email to
 * answer: ..."), a short, plain reply built from the person's own instructions ("saying Thursday works") and the
 * sender's first name, instead of an echo of the prompt. Deterministic, and no better than its instructions.
 */
final class DemoDrafter {
    private static final Pattern FROM = Pattern.compile("(?m)^From: *\"?([^\"<\\n]*?)\"? *(?:<[^>\\n]*>)?\\s*$");
    private static final Pattern INSTRUCTIONS = Pattern.compile(
            "The user's instructions for this reply: *(.+)", Pattern.DOTALL);
    private static final Pattern SAYING = Pattern.compile(
            "^(?:say(?:ing)?|tell(?:ing)? (?:them|her|him))\\s*:?\\s+(?:that\\s+)?", Pattern.CASE_INSENSITIVE);

    private DemoDrafter() {}

    /** The reply's body when {@code said} is the service's drafting prompt; empty for anything else. */
    static Optional<String> draft(String said) {
        if (!said.startsWith("The email to answer:")) {
            return Optional.empty();
        }
        Matcher from = FROM.matcher(said);
        String name = from.find() ? from.group(1).strip() : "";
        String first = name.isEmpty() || name.contains("@") ? "" : " " + name.split("\\s+")[0];
        Matcher asked = INSTRUCTIONS.matcher(said);
        String what = asked.find() ? SAYING.matcher(asked.group(1).strip()).replaceFirst("") : "";
        String sentence = what.isEmpty() ? "Thanks for your note; I'll get back to you shortly."
                : Character.toUpperCase(what.charAt(0)) + what.substring(1)
                        + (what.matches(".*[.!?]$") ? "" : ".");
        return Optional.of("Hi" + first + ",\n\n" + sentence + "\n\nBest regards");
    }
}
