package donna.app.desktop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an OS command and returns its exit code (a seam: tests record the commands instead). */
@FunctionalInterface
public interface CommandRunner {
    int run(List<String> command);

    /** The real thing: output discarded, a hung command counts as failed after 10 s. */
    static CommandRunner system() {
        return command -> {
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return -1;
                }
                return p.exitValue();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + command.getFirst(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        };
    }
}
