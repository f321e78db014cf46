package donna.backend.autopilot;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the autopilot job every interval with db-scheduler on the service's own Postgres ({@code scheduled_tasks}):
 * however many service instances share the database, each run happens on exactly one of them. Stops quickly
 * (db-scheduler would wait up to 30 minutes for a running job by default).
 *
 * <p>db-scheduler is built at {@link #start()}, not here: the desktop service starts it only once someone has
 * switched autopilot on, so an app whose user never does carries neither its classes and threads nor a poll of the
 * database every few seconds.
 */
public final class AutopilotScheduler implements AutoCloseable {
    static final String TASK = "gmail-autopilot";
    private static final Logger log = LoggerFactory.getLogger(AutopilotScheduler.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final DataSource database;
    private final Runnable job;
    private final Duration every;
    private final Duration pollInterval;
    private final List<SchedulerListener> listeners;
    private Scheduler scheduler;
    private boolean closed;

    /**
     * @param job          one run over every user with autopilot on
     * @param every        the time from the end of one run to the start of the next
     * @param pollInterval how often this instance looks for due runs
     * @param listeners    observers of the scheduler (tests count its polls)
     */
    public AutopilotScheduler(DataSource database, Runnable job, Duration every, Duration pollInterval,
            List<SchedulerListener> listeners) {
        this.database = database;
        this.job = job;
        this.every = every;
        this.pollInterval = pollInterval;
        this.listeners = List.copyOf(listeners);
    }

    /** Starts polling for due runs; a second call (another user switching autopilot on) does nothing. */
    public synchronized AutopilotScheduler start() {
        if (scheduler == null && !closed) {
            scheduler = build();
            scheduler.start();
        }
        return this;
    }

    private Scheduler build() {
        RecurringTask<Void> task = Tasks.recurring(TASK, Schedules.fixedDelay(every)).execute((instance, ctx) -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                // The next run comes at the next interval anyway; a stack trace here would only be noise.
                log.warn("Autopilot run failed: {}", e.toString());
            }
        });
        var builder = Scheduler.create(database).startTasks(task).threads(2).pollingInterval(pollInterval)
                .shutdownMaxWait(SHUTDOWN_WAIT);
        listeners.forEach(builder::addSchedulerListener);
        return builder.build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
