package donna.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An X display for the app's window: the one of the session when there is one, else an Xvfb started once for the
 * whole bench (so no run pays Xvfb's start-up, as a run through xvfb-run would).
 */
final class VirtualDisplay implements AutoCloseable {
    private final String display;
    private final Process xvfb;

    private VirtualDisplay(String display, Process xvfb) {
        this.display = display;
        this.xvfb = xvfb;
    }

    static VirtualDisplay open() throws IOException {
        Optional<String> session = Optional.ofNullable(System.getenv("DISPLAY")).filter(s -> !s.isBlank());
        if (session.isPresent()) {
            return new VirtualDisplay(session.get(), null);
        }
        // -displayfd 1: Xvfb picks a free display and prints its number on stdout once it accepts clients.
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            xvfb.destroy();
            throw new IOException("Xvfb did not start (install the xvfb package, or run with a DISPLAY)");
        }
        return new VirtualDisplay(":" + number.strip(), xvfb);
    }

    String name() {
        return display;
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }
}
