package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo mode's spoken turns: the fake cannot understand speech, so a spoken turn with nothing scripted asks for the
 * one tool that needs no words, {@code inbox_summary} (when the session offers it), and reads its result out. The
 * person hears DONNA use the same tool, through the same {@code /api/tools/call}, as a typed "summarise my unread
 * mail" does.
 */
final class DemoVoice {
    static final String TOOL = "inbox_summary";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoVoice() {}

    /** Whether the minted session offers the tool. */
    static boolean offered(JsonNode session) {
        for (JsonNode tool : session.path("tools")) {
            if (TOOL.equals(tool.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** What DONNA says about the tool's output (the JSON text the app sent back). */
    static String say(String outputJson) {
        JsonNode out;
        try {
            out = JSON.readTree(outputJson);
        } catch (IOException e) {
            return "I couldn't read your inbox just now.";
        }
        if (out.has("error")) {
            return "I couldn't read your inbox: " + out.path("error").path("message").asText("it failed") + ".";
        }
        int unread = out.path("unread").asInt(0);
        if (unread == 0) {
            return "You have no unread mail.";
        }
        List<String> senders = new ArrayList<>();
        out.path("from").forEach(f -> senders.add(name(f.path("sender").asText(""))));
        List<String> reply = new ArrayList<>();
        out.path("needs_reply").forEach(m -> reply.add(name(m.path("from").asText(""))));
        return "You have " + unread + " unread" + (senders.isEmpty() ? "." : ", from " + String.join(" and ", senders)
                + ".") + (reply.isEmpty() ? "" : " " + String.join(" and ", reply) + " may need a reply.");
    }

    /** "Ann Lee <ann@example.com>" is said as "Ann Lee". */
    private static String name(String header) {
        int open = header.indexOf('<');
        String name = open > 0 ? header.substring(0, open).strip().replaceAll("^\"|\"$", "") : header.strip();
        return name.isEmpty() ? header.strip() : name;
    }
}
