package donna.backend.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An alert as a Slack incoming-webhook message: {@code {"text": fallback, "blocks": [...]}} in Block Kit. It says what
 * happened (the new failures' kinds, the health under the threshold), which conversation (source, external id,
 * message count) and links to it in DONNA. It never quotes a message of the conversation: a Slack channel is read by
 * more people than the conversation was meant for, and the failures' details point at messages only by id.
 */
final class SlackMessage {
    /** Opens the conversation in the desktop app (the link's scheme is DONNA's own). */
    static final String LINK_PREFIX = "donna://insights/conversations/";
    private static final int MAX_ID = 100;

    /**
     * What an alert is about.
     *
     * @param failureKinds the new failures' kinds that the owner chose (may be empty)
     * @param healthBelow  the owner's threshold when the health is under it, else null
     */
    record Facts(UUID conversationId, String source, String externalId, int messageCount, Integer health,
            List<String> failureKinds, Integer healthBelow) {}

    private SlackMessage() {}

    static ObjectNode alert(Facts f) {
        List<String> happened = new ArrayList<>();
        if (!f.failureKinds().isEmpty()) {
            happened.add((f.failureKinds().size() == 1 ? "New failure: " : "New failures: ")
                    + String.join(", ", f.failureKinds().stream().map(k -> "`" + k + "`").toList()));
        }
        if (f.healthBelow() != null && f.health() != null) {
            happened.add("Health " + f.health() + "/100, under your threshold of " + f.healthBelow());
        }
        String id = escape(shortId(f.externalId()));
        String fallback = "DONNA Insights: " + String.join("; ", happened).replace("`", "") + " in " + f.source()
                + " conversation " + id;
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("text", fallback);
        ArrayNode blocks = root.putArray("blocks");
        blocks.add(header("DONNA Insights alert"));
        blocks.add(section("*What happened*\n" + String.join("\n", happened)));
        ObjectNode facts = JsonNodeFactory.instance.objectNode().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        fields.add(mrkdwn("*Source*\n" + escape(f.source())));
        fields.add(mrkdwn("*Conversation*\n" + id));
        fields.add(mrkdwn("*Messages*\n" + f.messageCount()));
        fields.add(mrkdwn("*Health*\n" + (f.health() == null ? "not scored" : f.health() + "/100")));
        blocks.add(facts);
        blocks.add(section("<" + LINK_PREFIX + f.conversationId() + "|Open it in DONNA>"));
        blocks.add(context("The conversation's messages are not quoted here; read them in DONNA's Insights pane."));
        return root;
    }

    /** The message of {@code POST /api/v1/settings/test-alert}. */
    static ObjectNode test() {
        ObjectNode root = JsonNodeFactory.instance.objectNode()
                .put("text", "DONNA Insights: a test alert. Alerts will arrive in this channel.");
        ArrayNode blocks = root.putArray("blocks");
        blocks.add(header("DONNA Insights test alert"));
        blocks.add(section("This channel will hear when a conversation has a new failure of a kind you chose, or "
                + "its health falls under your threshold."));
        return root;
    }

    private static ObjectNode header(String text) {
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "header");
        block.putObject("text").put("type", "plain_text").put("text", text);
        return block;
    }

    private static ObjectNode section(String text) {
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "section");
        block.set("text", mrkdwn(text));
        return block;
    }

    private static ObjectNode context(String text) {
        ObjectNode block = JsonNodeFactory.instance.objectNode().put("type", "context");
        block.putArray("elements").add(mrkdwn(text));
        return block;
    }

    private static ObjectNode mrkdwn(String text) {
        return JsonNodeFactory.instance.objectNode().put("type", "mrkdwn").put("text", text);
    }

    private static String shortId(String externalId) {
        return externalId.length() <= MAX_ID ? externalId : externalId.substring(0, MAX_ID) + "…";
    }

    /** Slack's mrkdwn: only these three are control characters (its "Escaping text" rules). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
