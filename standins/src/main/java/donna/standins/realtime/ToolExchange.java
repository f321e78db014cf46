package donna.standins.realtime;

/**
 * A function call the fake model made, and what the client answered for it.
 *
 * @param itemId     the {@code function_call} item
 * @param responseId the response that made the call
 * @param callId     the call id the output must name
 * @param name       the tool
 * @param arguments  the arguments (JSON text)
 * @param output     the {@code function_call_output}'s output text, or null while unanswered
 */
public record ToolExchange(String itemId, String responseId, String callId, String name, String arguments,
        String output) {

    ToolExchange answered(String text) {
        return new ToolExchange(itemId, responseId, callId, name, arguments, text);
    }
}
