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
 */
public final class AutopilotScheduler implements AutoCloseable {
    static final String TASK = "gmail-autopilot";
    private static final Logger log = LoggerFactory.getLogger(AutopilotScheduler.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Scheduler scheduler;

    /**
     * @param job          one run over every user with autopilot on
     * @param every        the time from the end of one run to the start of the next
     * @param pollInterval how often this instance looks for due runs
     * @param listeners    observers of the scheduler (tests count its polls)
     */
    public AutopilotScheduler(DataSource database, Runnable job, Duration every, Duration pollInterval,
            List<SchedulerListener> listeners) {
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
        this.scheduler = builder.build();
    }

    public AutopilotScheduler start() {
        scheduler.start();
        return this;
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
