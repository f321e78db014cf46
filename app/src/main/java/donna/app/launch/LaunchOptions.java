package donna.app.launch;

import donna.app.connection.AppMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the desktop app. Unknown arguments are kept (and logged by the app), not refused: desktop
 * shells pass their own (old macOS Finder adds {@code -psn_...}).
 *
 * @param smoke       a start-up check instead of a session (see {@link Smoke})
 * @param background  started at login: stay in the tray when there is one, the window opens from there
 * @param fakeService the dev-only in-memory service ({@code --dev-fake-service})
 * @param unknown     arguments this version does not know
 */
public record LaunchOptions(Smoke smoke, boolean background, boolean fakeService, List<String> unknown) {
    public static final String BACKGROUND_FLAG = "--background";

    /** What a smoke run waits for before it exits and prints its figures. */
    public enum Smoke {
        /** A normal session. */
        OFF,
        /** {@code --smoke}: exit right after the first frame; nothing heavy is started. */
        FIRST_FRAME,
        /** {@code --smoke=service}: exit when the service answered (or failed), after the first frame. */
        SERVICE
    }

    public LaunchOptions {
        unknown = List.copyOf(unknown);
    }

    public static LaunchOptions parse(List<String> args) {
        Smoke smoke = Smoke.OFF;
        boolean background = false;
        boolean fakeService = false;
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--smoke", "--smoke=frame" -> smoke = Smoke.FIRST_FRAME;
                case "--smoke=service" -> smoke = Smoke.SERVICE;
                case BACKGROUND_FLAG -> background = true;
                case AppMode.FAKE_SERVICE_FLAG -> fakeService = true;
                default -> unknown.add(arg);
            }
        }
        return new LaunchOptions(smoke, background, fakeService, unknown);
    }

    public boolean smokeRun() {
        return smoke != Smoke.OFF;
    }
}
