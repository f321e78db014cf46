package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Demo mode's stand-in for the model that triages unread mail (the service's "Sort these mails" prompt, the mails
 * as a JSON array between {@code <mails>} and {@code </mails>}): a bucket and a one-line reason per mail from
 * plain rules on the sender, subject and snippet, in the JSON shape the service asks for. Deterministic; like a
 * careful model it sorts a mail by what it is and never follows what the mail says.
 */
final class DemoTriager {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTOMATED = Pattern.compile(
            "no-?reply|newsletter|news@|updates?@|notifications?@|mailer-daemon|marketing@|deals@",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INSTRUCTING = Pattern.compile(
            "ignore (all |your |the )?(previous |prior )?instructions|you are now|system prompt",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WAITING = Pattern.compile(
            "\\b(i'?ll (send|get back|follow up|let you know)|will send|on (its|the) way|working on it|by (monday|"
                    + "tuesday|wednesday|thursday|friday|tomorrow|next week))\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKING = Pattern.compile(
            "\\?|\\b(can you|could you|would you|are you|please (send|confirm|let|reply|call)|let me know)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOTICE = Pattern.compile(
            "\\b(shipped|receipt|invoice paid|confirmed|confirmation|your order|update|reminder)\\b",
            Pattern.CASE_INSENSITIVE);

    private DemoTriager() {}

    /** The triage answer when {@code said} is the service's triage input; empty for anything else. */
    static Optional<Reply> triage(String said) {
        int open = said.indexOf("\n<mails>\n");
        int close = said.lastIndexOf("</mails>");
        if (!said.startsWith("Sort these mails") || open < 0 || close < open) {
            return Optional.empty();
        }
        JsonNode mails;
        try {
            mails = JSON.readTree(said.substring(open + "\n<mails>\n".length(), close));
        } catch (IOException e) {
            return Optional.empty();
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode triage = answer.putArray("triage");
        for (JsonNode mail : mails) {
            String from = mail.path("from").asText("");
            String subject = mail.path("subject").asText("");
            String text = subject + " " + mail.path("snippet").asText("");
            String who = firstName(from);
            String[] verdict;
            if (INSTRUCTING.matcher(text).find()) {
                verdict = new String[] {"can_wait",
                    "This mail tries to give DONNA instructions; treated as text only."};
            } else if (AUTOMATED.matcher(from).find()) {
                String sender = displayName(from);
                verdict = NOTICE.matcher(text).find() && !subject.toLowerCase(Locale.ROOT).contains("what's new")
                        ? new String[] {"fyi", "An automated notice from " + sender + "; nothing to do."}
                        : new String[] {"can_wait", "A newsletter or bulk mail from " + sender + "; it can wait."};
            } else if (WAITING.matcher(text).find()) {
                verdict = new String[] {"waiting_on_someone", who + " will get back to you; nothing to do yet."};
            } else if (ASKING.matcher(text).find()) {
                verdict = new String[] {"needs_reply", who + " asks you something" + (subject.isBlank() ? ""
                        : " (\u201c" + subject.strip() + "\u201d)") + "."};
            } else if (NOTICE.matcher(text).find()) {
                verdict = new String[] {"fyi", "For your information from " + who + "; no action needed."};
            } else {
                verdict = new String[] {"fyi", who + " wrote; no question for you."};
            }
            triage.addObject().put("ref", mail.path("ref").asText()).put("bucket", verdict[0])
                    .put("reason", verdict[1]);
        }
        return Optional.of(Reply.text(answer.toString()));
    }

    /** "Ann Lee <ann@example.com>" -> "Ann"; a bare address -> the address. */
    private static String firstName(String from) {
        String name = displayName(from);
        return name.contains("@") ? name : name.split("\\s+")[0];
    }

    /** "Ann Lee <ann@example.com>" -> "Ann Lee"; a bare address -> the address. */
    private static String displayName(String from) {
        String name = from.replaceAll("<[^>]*>", "").replace("\"", "").strip();
        if (!name.isEmpty()) {
            return name;
        }
        String address = from.replaceAll("[<>]", "").strip();
        return address.isEmpty() ? "the sender" : address;
    }
}
