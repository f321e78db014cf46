package donna.app.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundTaskExecutorTest {

    @Test
    void theOutcomeIsPostedToTheUiExecutor() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        try (BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Runnable::run)) {
            tasks.submit(() -> "done", seen::complete, seen::completeExceptionally);

            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        }
    }

    @Test
    void workAskedForAfterCloseIsDroppedQuietly() {
        BackgroundTaskExecutor tasks = new BackgroundTaskExecutor(Runnable::run);
        tasks.close();
        AtomicBoolean ran = new AtomicBoolean();

        assertThatCode(() -> tasks.submit(() -> ran.getAndSet(true), r -> ran.set(true), f -> ran.set(true)))
                .as("a UI callback of a quitting app asks for more work").doesNotThrowAnyException();
        assertThat(ran).isFalse();
    }
}
