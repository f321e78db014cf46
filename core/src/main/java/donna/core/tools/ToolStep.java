package donna.core.tools;

import java.util.Locale;
import java.util.Objects;

/**
 * One tool DONNA ran in a turn: live from the stream's {@code tool} events ({@link Status#RUNNING}, then done or
 * failed), or from the reply's {@code metadata.tool_steps}.
 *
 * @param summary    one short line from the service ("3 found"); never mail content; may be empty while running
 * @param durationMs how long it took, or -1 when not known (a live event)
 */
public record ToolStep(String callId, String name, Status status, String summary, long durationMs) {

    public enum Status {
        RUNNING, DONE, FAILED;

        public static Status fromWire(String s) {
            if (s == null) {
                return DONE;
            }
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "running" -> RUNNING;
                case "failed", "error" -> FAILED;
                default -> DONE;
            };
        }
    }

    public ToolStep {
        name = Objects.requireNonNullElse(name, "tool");
        callId = Objects.requireNonNullElse(callId, name);
        status = Objects.requireNonNullElse(status, Status.DONE);
        summary = Objects.requireNonNullElse(summary, "");
    }
}
