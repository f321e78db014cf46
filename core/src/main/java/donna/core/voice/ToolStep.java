package donna.core.voice;

/**
 * One tool call of a spoken turn, as the Voice pane shows it: reported when it starts and when it ends.
 *
 * @param callId  the model's call id (a step is updated in place by it)
 * @param name    the tool
 * @param status  running, done or failed
 * @param summary the service's short line when done ("Searched mail: 3 found"), the reason when failed, else null
 */
public record ToolStep(String callId, String name, Status status, String summary) {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }
}
