package donna.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The start-up log's CPU by thread: each thread under its name with the CPU time it used, in milliseconds. */
@EnabledOnOs(OS.LINUX)
class ThreadCpuTest {

    @Test
    void a_thread_that_worked_half_a_second_is_listed_with_about_that_much() throws Exception {
        AtomicReference<String> listed = new AtomicReference<>();
        Thread burner = Thread.ofPlatform().name("burner").start(() -> {
            burn();
            listed.set(ThreadCpu.busiest(100)); // read while this thread lives: /proc forgets ended ones
        });
        burner.join();

        String entry = Arrays.stream(listed.get().split(", ")).filter(e -> e.startsWith("burner ")).findFirst()
                .orElseThrow(() -> new AssertionError("no burner in " + listed.get()));
        long ms = Long.parseLong(entry.substring("burner ".length(), entry.length() - " ms".length()));
        assertThat(ms).isBetween(450L, 5_000L);
    }

    /** Half a second of CPU on the calling thread (by its own clock, so a busy machine only makes it longer). */
    private static void burn() {
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 500_000_000L;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        assertThat(x).isNotNegative();
    }
}
