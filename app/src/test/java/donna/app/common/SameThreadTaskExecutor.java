package donna.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and callbacks right away on the caller's thread: view model tests stay synchronous. */
public final class SameThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }
}
