package donna.app.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two "launches" in one JVM behave as two processes would: the lock is per file, the hand-off over loopback. */
class SingleInstanceTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path data;

    @Test
    void theFirstLaunchClaimsTheFolderAndASecondOneBringsItForward() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            CountDownLatch activated = new CountDownLatch(1);
            first.onActivate(activated::countDown);

            Optional<SingleInstance> second = SingleInstance.claimOrActivate(data, WAIT);

            assertThat(second).as("the second launch hands over and exits").isEmpty();
            assertThat(activated.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void anAskThatComesBeforeTheWindowExistsIsReplayedWhenItListens() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            assertThat(SingleInstance.claimOrActivate(data, WAIT)).isEmpty();

            AtomicInteger calls = new AtomicInteger();
            first.onActivate(calls::incrementAndGet);

            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void aRequestWithoutTheTokenIsDeniedAndChangesNothing() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            AtomicInteger calls = new AtomicInteger();
            first.onActivate(calls::incrementAndGet);
            int port = Integer.parseInt(Files.readString(data.resolve(SingleInstance.ADDRESS_FILE)).split(" ")[0]);

            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write("guessed-token activate\n".getBytes(StandardCharsets.UTF_8));
                String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertThat(answer).isEqualTo("denied");
            }
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void aFloodWithoutALineEndIsCutOffAndTheNextLaunchStillGetsThrough() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            CountDownLatch activated = new CountDownLatch(1);
            first.onActivate(activated::countDown);
            int port = Integer.parseInt(Files.readString(data.resolve(SingleInstance.ADDRESS_FILE)).split(" ")[0]);
            long written = 0;
            try (Socket flood = new Socket(InetAddress.getLoopbackAddress(), port)) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                // Without a bound the listener reads (and keeps) everything; with one it stops and hangs up.
                while (written < 256L * 1024 * 1024) {
                    flood.getOutputStream().write(chunk);
                    written += chunk.length;
                }
            } catch (java.io.IOException hungUp) {
                // expected: the listener closed the connection
            }
            assertThat(written).as("the listener hung up long before 256 MB").isLessThan(16L * 1024 * 1024);

            assertThat(SingleInstance.claimOrActivate(data, WAIT)).isEmpty();
            assertThat(activated.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTrickleThatNeverEndsItsLineIsHungUpOnAtTheDeadline() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            int port = Integer.parseInt(Files.readString(data.resolve(SingleInstance.ADDRESS_FILE)).split(" ")[0]);
            long started = System.nanoTime();
            try (Socket trickle = new Socket(InetAddress.getLoopbackAddress(), port)) {
                trickle.setSoTimeout(1);
                // One byte at a time, each well inside the per-read timeout: only an overall deadline ends this.
                for (int i = 0; i < 200; i++) {
                    trickle.getOutputStream().write('a');
                    trickle.getOutputStream().flush();
                    try {
                        trickle.getInputStream().read();
                        break; // answered or hung up
                    } catch (java.net.SocketTimeoutException stillListening) {
                        Thread.sleep(100); // the pace of the trickle, not a wait for the other side
                    }
                }
            } catch (java.io.IOException hungUp) {
                // expected: the listener closed the connection
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("hung up at the deadline, not after 20 s")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void theAddressFileIsOwnerOnly() throws Exception {
        try (SingleInstance ignored = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            if (Files.getFileStore(data).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        data.resolve(SingleInstance.ADDRESS_FILE)))).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void afterTheFirstQuitsTheNextLaunchClaimsTheFolderAgain() {
        SingleInstance.claimOrActivate(data, WAIT).orElseThrow().close();

        Optional<SingleInstance> next = SingleInstance.claimOrActivate(data, WAIT);

        assertThat(next).isPresent();
        next.get().close();
    }

    @Test
    void aHolderThatNeverAnswersIsReportedNotWaitedForForever() throws Exception {
        try (SingleInstance first = SingleInstance.claimOrActivate(data, WAIT).orElseThrow()) {
            Files.writeString(data.resolve(SingleInstance.ADDRESS_FILE), "1 not-the-token"); // nobody listens there

            assertThatThrownBy(() -> SingleInstance.claimOrActivate(data, Duration.ofMillis(300)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        }
    }
}
