package donna.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

class QuitOnSignalTest {
    private final SignalHandler term = Signal.handle(new Signal("TERM"), SignalHandler.SIG_DFL);
    private final SignalHandler interrupt = Signal.handle(new Signal("INT"), SignalHandler.SIG_DFL);

    @AfterEach
    void restoreTheJvmsHandlers() {
        Signal.handle(new Signal("TERM"), term);
        Signal.handle(new Signal("INT"), interrupt);
    }

    @Test
    void sigtermQuitsTheWayQuitDoesAndExitsAnywayWhenThatHangs() throws Exception {
        CountDownLatch quit = new CountDownLatch(1);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        QuitOnSignal.install(quit::countDown, Duration.ofMillis(50), exit::complete);

        Signal.raise(new Signal("TERM"));

        assertThat(quit.await(10, TimeUnit.SECONDS)).as("quit asked for").isTrue();
        assertThat(exit.get(10, TimeUnit.SECONDS)).as("the fallback's status: 128 + SIGTERM").isEqualTo(143);
    }

    @Test
    void ctrlCInATerminalQuitsToo() throws Exception {
        CountDownLatch quit = new CountDownLatch(1);
        QuitOnSignal.install(quit::countDown, Duration.ofMinutes(5), status -> { });

        Signal.raise(new Signal("INT"));

        assertThat(quit.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
