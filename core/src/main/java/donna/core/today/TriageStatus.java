package donna.core.today;

/**
 * Where Today's triage stands.
 *
 * @param gmail   {@code connected}, {@code not_connected} or {@code error}
 * @param unread  the unread inbox mails looked at
 * @param pending those not triaged yet (the service triages them in the background)
 * @param running whether a triage run is under way
 * @param error   why triage or Gmail failed; null when nothing did
 */
public record TriageStatus(String gmail, int unread, int pending, boolean running, String error) {
    public static final TriageStatus UNKNOWN = new TriageStatus("unknown", 0, 0, false, null);

    public boolean connected() {
        return "connected".equals(gmail);
    }
}
