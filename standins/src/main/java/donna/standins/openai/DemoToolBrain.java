package donna.standins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo stand-in's way with tools: when the service offers tools, it recognises a handful of requests and drives
 * the same tools a real model would, one step per response, reading where it is from the input (the service sends
 * back this turn's calls and their outputs, and earlier turns' steps before their replies). Once the outputs are in,
 * it answers in text from them, and says only what they say: nothing is "sent" unless {@code confirm_action}'s
 * output reports it. Deterministic, no model: a newcomer sees DONNA act without an OpenAI key.
 *
 * <ul>
 *   <li>"summarise my unread mail" -> {@code inbox_summary}</li>
 *   <li>"what did NAME write (about X)" -> {@code search_mail} {@code from:NAME X}, then {@code read_mail} of the
 *       first hit</li>
 *   <li>"draft a reply to NAME saying ..." -> {@code search_mail}, then {@code draft_reply}</li>
 *   <li>"send it" -> {@code send_draft} of the conversation's last draft</li>
 *   <li>"yes" / "send" while a confirmation is pending -> {@code confirm_action}</li>
 *   <li>"remember that ..." -> {@code remember}</li>
 *   <li>"classify NAME [address] as a hot|warm|cold lead [because ...]" -> {@code classify_lead}</li>
 *   <li>"take a message [from NAME]: ..." -> {@code take_message}</li>
 *   <li>"find (the) leads in my inbox" -> {@code find_leads_in_inbox} (proposals; nothing saved)</li>
 * </ul>
 */
final class DemoToolBrain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final Pattern SUMMARY = Pattern.compile(
            "\\b(summari[sz]e|summary|what'?s new)\\b.*\\b(mail|inbox|email|emails|unread)\\b|\\bunread mail\\b", I);
    private static final Pattern WHAT_DID = Pattern.compile(
            "^what did (.+?) (?:write|send|say|email|mail)(?: me| to me)?(?: about (.+?))?[?.!\\s]*$", I);
    private static final Pattern DRAFT = Pattern.compile(
            "^(?:please )?draft (?:a |an )?(?:reply|response|answer) to (.+?)(?: saying| that|:)\\s*(.+)$", I);
    private static final Pattern SEND_IT = Pattern.compile("^(?:please )?send (?:it|the draft|that|the reply)\\b.*",
            I);
    private static final Pattern YES = Pattern.compile(
            "^(?:yes|yep|yeah|sure|ok|okay|send|send it|go ahead|confirm|do it)\\b.*", I);
    private static final Pattern REMEMBER = Pattern.compile("^(?:please )?remember (?:that )?(.+)$", I);
    private static final Pattern CLASSIFY = Pattern.compile("^(?:please )?(?:classify|mark|save) (.+?)"
            + "(?: <?([^\\s<>@]+@[^\\s<>]+?)>?)? as an? (hot|warm|cold) lead\\b[.,:;]?\\s*"
            + "(?:(?:because|since)\\s+(.+))?$", I);
    private static final Pattern TAKE_MESSAGE = Pattern.compile(
            "^(?:please )?take a message(?: from ([^:,]+?))?\\s*[:,]\\s*(.+)$", I);
    private static final Pattern FIND_LEADS = Pattern.compile(
            "^(?:please )?(?:find|look for|search for) (?:any |the |new |possible )?leads in my (?:inbox|mail)\\b.*",
            I);
    private static final Set<String> STOP_WORDS = Set.of("i", "my", "me", "that", "the", "a", "an", "is", "am",
            "are", "with", "to", "of", "and", "in", "on");
    private static final int QUOTE = 300;

    private DemoToolBrain() {}

    /** The next step when the request is one the brain knows and its tools are offered; empty otherwise. */
    static Optional<Reply> next(JsonNode request) {
        Set<String> offered = new HashSet<>();
        request.path("tools").forEach(t -> offered.add(t.path("name").asText()));
        if (offered.isEmpty() || !request.path("input").isArray()) {
            return Optional.empty();
        }
        Conversation c = Conversation.of(request.path("input"));
        String said = c.said.strip();
        Matcher m;
        if (offered.contains("confirm_action") && YES.matcher(said).matches() && c.pendingActionId() != null) {
            return Optional.of(confirm(c));
        }
        if (offered.contains("send_draft") && SEND_IT.matcher(said).matches()) {
            return Optional.of(sendDraft(c));
        }
        if (offered.contains("inbox_summary") && SUMMARY.matcher(said).find()) {
            return Optional.of(summary(c));
        }
        if (offered.containsAll(List.of("search_mail", "draft_reply"))
                && (m = DRAFT.matcher(said)).matches()) {
            return Optional.of(draft(c, m.group(1).strip(), m.group(2).strip()));
        }
        if (offered.containsAll(List.of("search_mail", "read_mail")) && (m = WHAT_DID.matcher(said)).matches()) {
            return Optional.of(whatDid(c, m.group(1).strip(), m.group(2) == null ? "" : m.group(2).strip()));
        }
        if (offered.contains("remember") && (m = REMEMBER.matcher(said)).matches()) {
            return Optional.of(remember(c, m.group(1).strip()));
        }
        if (offered.contains("classify_lead") && (m = CLASSIFY.matcher(said)).matches()) {
            return Optional.of(classify(c, m.group(1).strip(), m.group(2), m.group(3).toLowerCase(Locale.ROOT),
                    m.group(4)));
        }
        if (offered.contains("find_leads_in_inbox") && FIND_LEADS.matcher(said).matches()) {
            return Optional.of(findLeads(c));
        }
        if (offered.contains("take_message") && (m = TAKE_MESSAGE.matcher(said)).matches()) {
            return Optional.of(takeMessage(c, m.group(1) == null ? "Unknown caller" : m.group(1).strip(),
                    m.group(2).strip()));
        }
        return Optional.empty();
    }

    // ---- the flows

    private static Reply summary(Conversation c) {
        JsonNode out = c.output("inbox_summary");
        if (out == null) {
            return call("inbox_summary", JsonNodeFactory.instance.objectNode());
        }
        if (failed(out)) {
            return failedText("read your inbox", out);
        }
        int unread = firstInt(out, "unread_count", "unread", "count");
        List<String> from = lines(firstArray(out, "unread_messages", "messages", "senders", "from"));
        if (unread == 0 && from.isEmpty()) {
            return Reply.text("You have no unread mail.");
        }
        StringBuilder text = new StringBuilder("You have " + Math.max(unread, from.size()) + " unread");
        text.append(from.isEmpty() ? "." : ": " + String.join("; ", from) + ".");
        List<String> needReply = lines(firstArray(out, "needs_reply", "need_reply"));
        if (!needReply.isEmpty()) {
            text.append(" These look like they need a reply: ").append(String.join("; ", needReply)).append('.');
        }
        return Reply.text(text.toString());
    }

    private static Reply whatDid(Conversation c, String name, String about) {
        JsonNode found = c.output("search_mail");
        if (found == null) {
            return search(fromQuery(name, about), 5);
        }
        if (failed(found)) {
            return failedText("search your mail", found);
        }
        String id = firstHitId(found);
        if (id == null) {
            return Reply.text("I found no mail from " + name + (about.isEmpty() ? "" : " about " + about) + ".");
        }
        JsonNode read = c.output("read_mail");
        if (read == null) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("message_id", id);
            return call("read_mail", args);
        }
        if (failed(read)) {
            return failedText("open that mail", read);
        }
        JsonNode mail = read.has("message") ? read.path("message") : read;
        // The registry hands mail text over as data, under untrusted_content.
        String body = text(mail.path("untrusted_content"), "text");
        if (body.isEmpty()) {
            body = text(mail, "text", "body", "snippet");
        }
        String quote = body.length() > QUOTE ? body.substring(0, QUOTE) + "..." : body;
        return Reply.text(text(mail, "from") + " wrote" + wrapped(" (\"", text(mail, "subject"), "\")") + ": \""
                + quote.strip() + "\"");
    }

    private static Reply draft(Conversation c, String name, String saying) {
        JsonNode found = c.output("search_mail");
        if (found == null) {
            return search(fromQuery(name, ""), 1);
        }
        if (failed(found)) {
            return failedText("search your mail", found);
        }
        String id = firstHitId(found);
        if (id == null) {
            return Reply.text("I found no mail from " + name + " to reply to.");
        }
        JsonNode drafted = c.output("draft_reply");
        if (drafted == null) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("message_id", id)
                    .put("instructions", "Say: " + saying);
            return call("draft_reply", args);
        }
        if (failed(drafted)) {
            return failedText("draft the reply", drafted);
        }
        String to = recipients(draftOf(drafted));
        return Reply.text("I drafted a reply" + wrapped(" to ", to, "") + "; it's below. Say 'send it' or click Send.");
    }

    private static Reply sendDraft(Conversation c) {
        JsonNode asked = c.output("send_draft");
        if (asked == null) {
            String draftId = c.lastDraftId();
            if (draftId == null) {
                return Reply.text("I don't have a draft to send yet. Ask me to draft one first.");
            }
            return call("send_draft", JsonNodeFactory.instance.objectNode().put("draft_id", draftId));
        }
        if (failed(asked)) {
            return failedText("prepare that mail for sending", asked);
        }
        JsonNode action = asked.has("action") ? asked.path("action") : asked;
        String to = recipients(action);
        StringBuilder text = new StringBuilder("Ready to send" + wrapped(" to ", to, "")
                + wrapped(", subject \"", text(action, "subject"), "\"") + ". ");
        if (action.path("requires_click").asBoolean(false)) {
            text.append("It goes to an address you haven't written to before, so please confirm with the Send "
                    + "button on the card.");
        } else {
            text.append("Click Send on the card, or say \"yes\" to send it.");
        }
        return Reply.text(text.toString());
    }

    private static Reply confirm(Conversation c) {
        JsonNode confirmed = c.output("confirm_action");
        if (confirmed == null) {
            return call("confirm_action", JsonNodeFactory.instance.objectNode().put("action_id", c.pendingActionId()));
        }
        if (failed(confirmed)) {
            return failedText("send it", confirmed);
        }
        JsonNode mail = confirmed.path("mail");
        String to = recipients(mail.isMissingNode() ? confirmed.path("action") : mail);
        String sendStatus = mail.path("send").path("status").asText("");
        if ("sent".equals(sendStatus)) {
            return Reply.text("Sent" + wrapped(" to ", to, "") + ".");
        }
        if (!mail.isMissingNode()) {
            return Reply.text("Confirmed: the mail" + wrapped(" to ", to, "")
                    + " is in your outbox and goes out from there.");
        }
        return Reply.text("Confirmed.");
    }

    private static Reply remember(Conversation c, String fact) {
        JsonNode saved = c.output("remember");
        if (saved == null) {
            return call("remember", JsonNodeFactory.instance.objectNode().put("key", keyOf(fact)).put("value", fact));
        }
        if (failed(saved)) {
            return failedText("remember that", saved);
        }
        return Reply.text("I'll remember that " + fact.replaceAll("[.!]+$", "") + ".");
    }

    private static Reply classify(Conversation c, String name, String email, String category, String because) {
        JsonNode saved = c.output("classify_lead");
        if (saved == null) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("name", name).put("email", email)
                    .putNull("company").put("category", category)
                    .put("reason", because == null ? "The user said so" : because.strip().replaceAll("[.!]+$", ""));
            return call("classify_lead", args.putNull("thread_id"));
        }
        if (failed(saved)) {
            return failedText("save that lead", saved);
        }
        String who = text(saved.path("lead"), "name");
        return Reply.text(("updated".equals(saved.path("status").asText()) ? "Updated " : "Added ")
                + (who.isEmpty() ? name : who) + " as a " + category + " lead.");
    }

    private static Reply findLeads(Conversation c) {
        JsonNode found = c.output("find_leads_in_inbox");
        if (found == null) {
            return call("find_leads_in_inbox", JsonNodeFactory.instance.objectNode().putNull("mails"));
        }
        if (failed(found)) {
            return failedText("look through your inbox", found);
        }
        List<String> leads = new ArrayList<>();
        found.path("proposals").forEach(p -> leads.add(text(p, "name") + " (" + text(p, "category") + ")"));
        if (leads.isEmpty()) {
            return Reply.text("I found no likely leads in your recent mail.");
        }
        return Reply.text("I found " + leads.size() + (leads.size() == 1 ? " possible lead: " : " possible leads: ")
                + String.join(", ", leads) + ". I saved none of them: add the ones you want in Sales, or ask me "
                + "to classify one.");
    }

    private static Reply takeMessage(Conversation c, String caller, String message) {
        JsonNode taken = c.output("take_message");
        if (taken == null) {
            return call("take_message", JsonNodeFactory.instance.objectNode().put("caller_name", caller)
                    .put("contact", "").put("message", message).putNull("callback_by"));
        }
        if (failed(taken)) {
            return failedText("take that message", taken);
        }
        return Reply.text("I took the message from " + caller + "; it waits in Today until you mark it done.");
    }

    // ---- helpers

    private static Reply call(String name, ObjectNode arguments) {
        return Reply.functionCalls(Reply.Call.of(name, arguments.toString()));
    }

    private static Reply search(String query, int limit) {
        return call("search_mail", JsonNodeFactory.instance.objectNode().put("query", query).put("limit", limit));
    }

    private static String fromQuery(String name, String about) {
        String first = name.split("\\s+")[0];
        return ("from:" + first + " " + about).strip();
    }

    /** A memory key from the fact's first words: "I sign off with 'Best, Sam'" -> {@code sign_off_best}. */
    static String keyOf(String fact) {
        List<String> words = new ArrayList<>();
        for (String word : fact.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word) && words.size() < 3) {
                words.add(word);
            }
        }
        return words.isEmpty() ? "note" : String.join("_", words);
    }

    private static boolean failed(JsonNode output) {
        return output.has("error");
    }

    private static Reply failedText(String what, JsonNode output) {
        String message = output.path("error").path("message").asText("");
        return Reply.text("I couldn't " + what + (message.isEmpty() ? "." : ": " + message));
    }

    private static String firstHitId(JsonNode found) {
        JsonNode hits = firstArray(found, "messages", "results", "hits", "items");
        if (hits.isEmpty()) {
            return null;
        }
        String id = text(hits.get(0), "id", "message_id");
        return id.isEmpty() ? null : id;
    }

    private static JsonNode draftOf(JsonNode output) {
        return output.has("draft") ? output.path("draft") : output;
    }

    private static String recipients(JsonNode node) {
        JsonNode to = node.path("to");
        if (to.isArray()) {
            List<String> all = new ArrayList<>();
            to.forEach(t -> all.add(t.asText()));
            return String.join(", ", all);
        }
        return to.asText("");
    }

    private static int firstInt(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isNumber()) {
                return node.path(field).asInt();
            }
        }
        return 0;
    }

    private static JsonNode firstArray(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isArray()) {
                return node.path(field);
            }
        }
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Each entry as "From (Subject)"; plain strings as they are. */
    private static List<String> lines(JsonNode entries) {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (entry.isTextual()) {
                lines.add(entry.asText());
            } else {
                lines.add(text(entry, "from", "sender", "name") + wrapped(" (", text(entry, "subject"), ")"));
            }
        }
        return lines;
    }

    private static String text(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isTextual() && !node.path(field).asText().isBlank()) {
                return node.path(field).asText();
            }
        }
        return "";
    }

    private static String wrapped(String before, String value, String after) {
        return value.isEmpty() ? "" : before + value + after;
    }

    /**
     * The input read once: the last user message, this turn's calls and outputs after it, and every earlier
     * output (with its call's name) for "send it" and "yes".
     */
    private record Conversation(String said, List<Step> thisTurn, List<Step> before) {
        record Step(String callId, String name, JsonNode output) {}

        static Conversation of(JsonNode input) {
            int lastUser = -1;
            for (int i = 0; i < input.size(); i++) {
                if ("user".equals(input.get(i).path("role").asText())) {
                    lastUser = i;
                }
            }
            String said = lastUser < 0 ? "" : CannedAssistant.contentText(input.get(lastUser).path("content"));
            List<Step> before = steps(input, 0, Math.max(lastUser, 0));
            List<Step> now = steps(input, lastUser + 1, input.size());
            return new Conversation(said, now, before);
        }

        private static List<Step> steps(JsonNode input, int from, int to) {
            List<Step> steps = new ArrayList<>();
            List<String[]> calls = new ArrayList<>();
            for (int i = from; i < to; i++) {
                JsonNode item = input.get(i);
                switch (item.path("type").asText()) {
                    case "function_call" -> calls.add(new String[] {item.path("call_id").asText(),
                            item.path("name").asText()});
                    case "function_call_output" -> {
                        String callId = item.path("call_id").asText();
                        String name = calls.stream().filter(c -> c[0].equals(callId)).map(c -> c[1]).findFirst()
                                .orElse("");
                        steps.add(new Step(callId, name, parse(item.path("output").asText())));
                    }
                    default -> { }
                }
            }
            return steps;
        }

        /** This turn's last output of the tool, or null when it has not run yet. */
        JsonNode output(String tool) {
            for (int i = thisTurn.size() - 1; i >= 0; i--) {
                if (tool.equals(thisTurn.get(i).name())) {
                    return thisTurn.get(i).output();
                }
            }
            return null;
        }

        /** The id of the conversation's last draft (a draft_reply or compose_mail that worked). */
        String lastDraftId() {
            for (int i = before.size() - 1; i >= 0; i--) {
                Step step = before.get(i);
                if (List.of("draft_reply", "compose_mail").contains(step.name()) && !failed(step.output())) {
                    String id = text(draftOf(step.output()), "id", "draft_id");
                    if (!id.isEmpty()) {
                        return id;
                    }
                }
            }
            return null;
        }

        /** The id of the action the last send_draft presented, unless a later confirm_action or draft came. */
        String pendingActionId() {
            for (int i = before.size() - 1; i >= 0; i--) {
                Step step = before.get(i);
                switch (step.name()) {
                    case "confirm_action", "draft_reply", "compose_mail" -> {
                        return null;
                    }
                    case "send_draft" -> {
                        if (failed(step.output())) {
                            return null;
                        }
                        JsonNode action = step.output().has("action") ? step.output().path("action") : step.output();
                        String id = text(action, "id", "action_id");
                        return id.isEmpty() ? null : id;
                    }
                    default -> { }
                }
            }
            return null;
        }

        private static JsonNode parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                return node == null ? MissingNode.getInstance() : node;
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }
    }
}
