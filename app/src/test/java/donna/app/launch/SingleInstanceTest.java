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
