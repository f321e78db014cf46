package donna.core.mail.outbox;

import donna.core.api.RetryPolicy;
import donna.core.api.ServiceException;
import donna.core.mail.SendResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, oldest first, through the service. Per mail: 2xx means sent; 400 (and 413, 422: the
 * content itself is refused) means failed for good, with the service's reason, and the flush goes on with the next;
 * anything else (service unreachable, 409 {@code send_in_progress} or Gmail not connected, 429, 5xx) leaves the mail
 * queued and stops the flush, so later mail never overtakes it, with a time to try again: the service's
 * {@code Retry-After} when it gave one, else a {@link Backoff} that grows with failures in a row.
 *
 * <p>One flush at a time per flusher; another process flushing the same file is harmless, because every attempt
 * carries the mail's idempotency key and the service sends each key once.
 */
public final class OutboxFlusher {
    private static final Logger log = LoggerFactory.getLogger(OutboxFlusher.class);
    /** HTTP statuses that say the mail itself is unacceptable: retrying the same content cannot help. */
    private static final Set<Integer> REFUSED = Set.of(400, 413, 422);
    /** The shortest wait, even when a Retry-After says 0: a tight loop against a busy service helps nobody. */
    private static final Duration MIN_WAIT = Duration.ofMillis(100);
    /** The code of a mail whose earlier attempt still holds the service's lease on it. */
    static final String SEND_IN_PROGRESS = "send_in_progress";
    /**
     * How long {@link #drain} waits for leases in all (the service's lease is 3 minutes): such a wait is not a
     * stall, because the mail will go out once the lease ends, but a lease that never seems to end is given up on.
     */
    static final Duration MAX_LEASE_WAIT = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final MailSender sender;
    private final Backoff backoff;
    private final Clock clock;
    private final List<FlushListener> listeners = new CopyOnWriteArrayList<>();
    private int failuresInARow;
    private volatile Instant nextAttempt;
    /** Whether the last flush stopped on a lease an earlier attempt holds. */
    private volatile boolean stoppedOnLease;

    public OutboxFlusher(Outbox outbox, MailSender sender, Backoff backoff, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.backoff = backoff;
        this.clock = clock;
    }

    public void addListener(FlushListener listener) {
        listeners.add(listener);
    }

    /** When the last flush asked to try again; empty when it finished (or none ran yet). */
    public Optional<Instant> nextAttempt() {
        return Optional.ofNullable(nextAttempt);
    }

    /** True when no backoff is running at {@code now}. */
    public boolean due(Instant now) {
        Instant at = nextAttempt;
        return at == null || !now.isBefore(at);
    }

    /** Forgets the failures so far: the connection just came back, so the next wait starts short again. */
    public synchronized void resetBackoff() {
        failuresInARow = 0;
        nextAttempt = null;
    }

    /** One pass over the pending mail, now (whatever the backoff says); stops at the first failure that may pass. */
    public synchronized FlushReport flush() {
        List<OutboxEntry> pending = outbox.pending();
        stoppedOnLease = false;
        if (pending.isEmpty()) {
            nextAttempt = null;
            return FlushReport.nothingToDo();
        }
        int total = pending.size();
        listeners.forEach(l -> l.started(total));
        int done = 0;
        int sent = 0;
        int failed = 0;
        FlushReport report = null;
        for (OutboxEntry waiting : pending) {
            Optional<OutboxEntry> claimed = outbox.claim(waiting.id());
            if (claimed.isEmpty()) {
                done++; // cancelled meanwhile, or another process got it through
                continue;
            }
            OutboxEntry entry = claimed.get();
            try {
                SendResult result = sender.send(entry.mail(), entry.idempotencyKey());
                outbox.markSent(entry.id(), result.messageId());
                sent++;
                failuresInARow = 0;
            } catch (RuntimeException e) {
                Optional<String> refusal = refusal(e);
                if (refusal.isPresent()) {
                    outbox.markFailed(entry.id(), refusal.get());
                    failed++;
                } else {
                    String problem = problem(e);
                    outbox.release(entry.id(), problem);
                    Duration wait = waitAfter(e);
                    Instant retryAt = clock.instant().plus(wait);
                    if (e instanceof ServiceException se && SEND_IN_PROGRESS.equals(se.error().code())) {
                        stoppedOnLease = true;
                        Duration remaining = se.retryAfter().orElse(wait);
                        listeners.forEach(l -> l.waitingForLease(entry, remaining));
                    }
                    nextAttempt = retryAt;
                    log.info("Outbox: mail {} must wait until {} ({})", entry.id(), retryAt, problem);
                    report = new FlushReport(sent, failed, outbox.pending().size(), Optional.of(retryAt),
                            Optional.of(problem));
                    break;
                }
            }
            done++;
            int n = done;
            OutboxEntry now = outbox.find(entry.id()).orElse(entry);
            listeners.forEach(l -> l.progressed(n, total, now));
        }
        if (report == null) {
            nextAttempt = null;
            report = new FlushReport(sent, failed, 0, Optional.empty(), Optional.empty());
        }
        FlushReport finished = report;
        listeners.forEach(l -> l.finished(finished));
        return finished;
    }

    /**
     * Flushes until nothing is left, waiting out each pause with {@code sleeper}; gives up after {@code maxStalls}
     * pauses in a row in which nothing went through (the command-line flush: the service may be down for good). A
     * mail whose earlier attempt still holds the service's lease (a killed app's) is waited for, its lease's
     * remaining time at a time, up to {@link #MAX_LEASE_WAIT} in all: the mail goes out when the lease ends.
     */
    public FlushReport drain(int maxStalls, RetryPolicy.Sleeper sleeper) throws InterruptedException {
        FlushReport total = FlushReport.nothingToDo();
        int stalls = 0;
        Duration leaseWaited = Duration.ZERO;
        while (true) {
            FlushReport round = flush();
            total = round.after(total);
            if (round.retryAt().isEmpty()) {
                return total;
            }
            Duration wait = Duration.between(clock.instant(), round.retryAt().get());
            if (stoppedOnLease) {
                if (leaseWaited.compareTo(MAX_LEASE_WAIT) >= 0) {
                    return total;
                }
                leaseWaited = leaseWaited.plus(wait);
            } else {
                stalls = round.sent() + round.failed() > 0 ? 0 : stalls + 1;
                if (stalls >= maxStalls) {
                    return total;
                }
            }
            sleeper.sleep(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private Duration waitAfter(RuntimeException e) {
        failuresInARow++;
        Optional<Duration> asked = e instanceof ServiceException se ? se.retryAfter() : Optional.empty();
        Duration wait = asked.orElseGet(() -> backoff.after(failuresInARow));
        return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
    }

    /** The service's reason when it refused the mail for good; empty for anything that may pass. */
    private static Optional<String> refusal(RuntimeException e) {
        if (e instanceof ServiceException se && REFUSED.contains(se.error().status())) {
            return Optional.of(se.error().message() != null && !se.error().message().isBlank() ? se.error().message()
                    : "Refused by the service (" + se.error().code() + ")");
        }
        return Optional.empty();
    }

    private static String problem(RuntimeException e) {
        if (e instanceof ServiceException se) {
            return se.error().message() != null && !se.error().message().isBlank() ? se.error().message()
                    : se.error().code();
        }
        log.warn("Outbox: unexpected failure while sending", e);
        return "Unexpected failure (" + e.getClass().getSimpleName() + ")";
    }
}
