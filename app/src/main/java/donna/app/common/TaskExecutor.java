package donna.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work away from the UI thread and hands the outcome back on it. The one way the app does I/O, so
 * tests can swap in a same-thread implementation and stay deterministic.
 */
public interface TaskExecutor {

    /** Runs {@code work}; exactly one of the callbacks then runs on the UI thread. */
    <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Work without a result; failures only get logged. */
    default void run(Runnable work) {
        submit(() -> {
            work.run();
            return null;
        }, ignored -> { }, failure -> { });
    }
}
