package donna.app.mail.cli;

import donna.core.api.BackendClient;
import donna.core.mail.GmailStatus;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Backoff;
import donna.core.mail.outbox.FlushListener;
import donna.core.mail.outbox.FlushReport;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxFlusher;
import donna.core.mail.outbox.OutboxState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;

/**
 * {@code ./donna mail flush}: sends what is queued, in order, waiting out rate limits and short outages; prints
 * {@code sent N, failed M}. Exit 0 when nothing is left failed or waiting; 1 otherwise (each problem on its own line
 * on standard error). A mail an earlier attempt still holds (a killed app's lease at the service, 409
 * {@code send_in_progress}) is waited for, with the time left shown on standard error, not given up on.
 */
@Command(name = "flush", description = "Send what is queued in the outbox; prints `sent N, failed M`.")
final class FlushCommand extends Subcommand {
    /** Pauses in a row without progress before giving up: about 15 s of outage with this backoff. */
    private static final int MAX_STALLS = 4;

    FlushCommand(CommandContext context) {
        super(context);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        try (MailDatabase db = MailDatabase.open(context.mailDatabase())) {
            Outbox outbox = new Outbox(db, context.clock());
            FlushReport report = FlushReport.nothingToDo();
            if (outbox.hasPending()) {
                BackendClient client = context.service().client();
                GmailStatus status = client.gmailStatus();
                if (!status.connected()) {
                    err.println("donna mail: Gmail is " + (status.state() == GmailStatus.State.NEEDS_RECONNECT
                            ? "asking to be connected again" : "not connected")
                            + ". Run ./donna mail connect, then flush again.");
                    err.flush();
                    return 1;
                }
                OutboxFlusher flusher = new OutboxFlusher(outbox, client::send, new Backoff(Duration.ofSeconds(1),
                        Duration.ofSeconds(15), () -> ThreadLocalRandom.current().nextDouble()), context.clock());
                flusher.addListener(new FlushListener() {
                    @Override
                    public void waitingForLease(OutboxEntry entry, Duration remaining) {
                        err.println("mail " + entry.id() + " is being sent by an earlier attempt; waiting "
                                + readable(remaining) + " for it to finish or be taken over");
                        err.flush();
                    }
                });
                report = flusher.drain(MAX_STALLS, context.sleeper());
            }
            out.println("sent " + report.sent() + ", failed " + report.failed());
            out.flush();
            List<OutboxEntry> failed = outbox.list().stream().filter(e -> e.state() == OutboxState.FAILED).toList();
            failed.forEach(e -> err.println("mail " + e.id() + " failed: " + e.reason()));
            if (report.remaining() > 0) {
                err.println(report.remaining() + " still queued: " + report.problem().orElse("the service is busy")
                        + ". Run ./donna mail flush again later.");
            }
            err.flush();
            return failed.isEmpty() && report.remaining() == 0 ? 0 : 1;
        }
    }

    /** "2 min 50 s", "45 s". */
    static String readable(Duration d) {
        long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
