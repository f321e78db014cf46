package donna.app.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs each task on its own virtual thread (the work is I/O-bound) and posts the outcome to the UI executor. */
public final class BackgroundTaskExecutor implements TaskExecutor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundTaskExecutor.class);

    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("donna-task-", 0).factory());
    private final Executor ui;

    public BackgroundTaskExecutor(Executor ui) {
        this.ui = ui;
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            workers.execute(() -> {
                try {
                    T result = work.call();
                    ui.execute(() -> onSuccess.accept(result));
                } catch (Exception | Error e) {
                    log.debug("Background task failed", e);
                    ui.execute(() -> onFailure.accept(e));
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: the app is quitting, and a UI callback still in the queue asked for more work. Nobody waits.
            log.debug("Task dropped: the executor is closed");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
