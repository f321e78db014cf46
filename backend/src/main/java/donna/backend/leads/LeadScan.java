package donna.backend.leads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One "Find leads in my inbox" run: its progress, the leads it proposes and the senders it left out, as the
 * instance that runs it holds it (each change is published to {@link LeadScanStore} for every instance to read). Its worker writes, routes read: every access is
 * synchronised on the scan.
 */
final class LeadScan {
    enum Status { RUNNING, DONE, CANCELLED, FAILED }

    final UUID id = UUID.randomUUID();
    final UUID userId;
    final Instant started;
    private Status status = Status.RUNNING;
    private boolean cancelRequested;
    private int mails;
    private int scanned;
    private int total;
    private final List<LeadProposal> proposals = new ArrayList<>();
    private final List<LeadClassifier.Skipped> skipped = new ArrayList<>();
    private String errorCode;
    private String errorMessage;
    private Instant finished;

    LeadScan(UUID userId, Instant started) {
        this.userId = userId;
        this.started = started;
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    /** Asks the worker to stop before its next batch; what a batch under way finds is dropped. */
    synchronized void requestCancel() {
        if (status == Status.RUNNING) {
            cancelRequested = true;
        }
    }

    synchronized boolean running() {
        return status == Status.RUNNING;
    }

    /** {@code running}, {@code done}, {@code cancelled} or {@code failed}, as {@code lead_scans.status} keeps it. */
    synchronized String statusName() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    synchronized void read(int mails, int total, List<LeadClassifier.Skipped> leftOut) {
        this.mails = mails;
        this.total = total;
        skipped.addAll(leftOut);
    }

    /** A batch's outcome; false (and nothing kept) once the person cancelled. */
    synchronized boolean add(int senders, LeadClassifier.Outcome outcome) {
        if (cancelRequested) {
            return false;
        }
        scanned += senders;
        proposals.addAll(outcome.proposals());
        skipped.addAll(outcome.skipped());
        return true;
    }

    synchronized void finish(Instant at) {
        status = cancelRequested ? Status.CANCELLED : Status.DONE;
        finished = at;
    }

    synchronized void fail(String code, String message, Instant at) {
        status = cancelRequested ? Status.CANCELLED : Status.FAILED;
        errorCode = code;
        errorMessage = message;
        finished = at;
    }

    synchronized Instant finished() {
        return finished;
    }

    synchronized Optional<LeadProposal> proposal(String email) {
        return proposals.stream().filter(p -> p.email().equalsIgnoreCase(email)).findFirst();
    }

    /**
     * The progress as the routes answer it: {@code status} is {@code running}, {@code cancelling} (asked to stop,
     * a batch still under way), {@code done}, {@code cancelled} or {@code failed}.
     */
    synchronized Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("status", status == Status.RUNNING && cancelRequested ? "cancelling"
                : status.name().toLowerCase(java.util.Locale.ROOT));
        out.put("mails", mails);
        out.put("scanned", scanned);
        out.put("total", total);
        out.put("proposals", List.copyOf(proposals));
        out.put("skipped", skipped.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("email", s.email());
            m.put("reason", s.reason());
            if (s.detail() != null) {
                m.put("detail", s.detail());
            }
            return m;
        }).toList());
        if (errorCode != null) {
            out.put("error", Map.of("code", errorCode, "message", errorMessage));
        }
        out.put("started_at", started.toString());
        if (finished != null) {
            out.put("finished_at", finished.toString());
        }
        return out;
    }
}
