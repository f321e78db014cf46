package donna.backend.actions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What DONNA says before the person's yes: the recipients, the subject and the first sentence of the body, and
 * how it can be confirmed. Built here from the stored action, never by the model, so what is read back is what
 * would be sent.
 */
final class ReadBack {
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^(.+?[.!?])(\\s|$)", Pattern.DOTALL);
    private static final int MAX_SENTENCE = 200;

    private ReadBack() {}

    static PendingAction with(PendingAction a) {
        return new PendingAction(a.id(), a.kind(), a.draftId(), a.to(), a.cc(), a.subject(), a.body(),
                a.newAddresses(), a.requiresClick(), a.status(), a.chatId(), a.turnId(), a.userItemId(),
                a.createdAt(), text(a));
    }

    static String text(PendingAction a) {
        StringBuilder s = new StringBuilder("Send to ").append(String.join(", ", a.to()));
        if (!a.cc().isEmpty()) {
            s.append(", copying ").append(String.join(", ", a.cc()));
        }
        s.append(", subject \"").append(a.subject()).append("\", starting \"").append(firstSentence(a.body()))
                .append("\".");
        if (a.requiresClick()) {
            s.append(" New address").append(a.newAddresses().size() > 1 ? "es" : "").append(", never written to before: ")
                    .append(String.join(", ", a.newAddresses()))
                    .append(". Only a click on Send can confirm this; a spoken or typed yes cannot.");
        } else {
            s.append(" Say yes to send it, or click Send.");
        }
        return s.toString();
    }

    static String firstSentence(String body) {
        String text = body == null ? "" : body.strip();
        int line = text.indexOf('\n');
        String first = line < 0 ? text : text.substring(0, line).strip();
        Matcher m = FIRST_SENTENCE.matcher(first);
        if (m.find()) {
            first = m.group(1);
        }
        return first.length() > MAX_SENTENCE ? first.substring(0, MAX_SENTENCE) + "..." : first;
    }
}
