package donna.app.desktop;

import java.util.List;

/**
 * Windows: a value under the user's {@code Run} key, written and removed with {@code reg.exe} (no native code in
 * the app for it).
 */
public final class WindowsRunKey implements LoginItem {
    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE = "DONNA";

    private final CommandRunner runner;
    private final String commandLine;

    /** @param command the launcher and its arguments */
    public WindowsRunKey(CommandRunner runner, List<String> command) {
        this.runner = runner;
        this.commandLine = commandLine(command);
    }

    @Override
    public boolean enabled() {
        return runner.run(List.of("reg", "query", KEY, "/v", VALUE)) == 0;
    }

    @Override
    public void enable() {
        // reg parses its own command line with the C runtime's rules: quotes inside the value are written \".
        check(runner.run(List.of("reg", "add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d",
                commandLine.replace("\"", "\\\""), "/f")), "add");
    }

    @Override
    public void disable() {
        if (enabled()) {
            check(runner.run(List.of("reg", "delete", KEY, "/v", VALUE, "/f")), "delete");
        }
    }

    @Override
    public String location() {
        return KEY + "\\" + VALUE;
    }

    /** What Windows runs at login: each argument quoted, as Explorer expects ("C:\Program Files\..."). */
    static String commandLine(List<String> command) {
        return String.join(" ", command.stream().map(a -> a.startsWith("--") ? a : "\"" + a + "\"").toList());
    }

    private static void check(int exit, String what) {
        if (exit != 0) {
            throw new IllegalStateException("reg " + what + " failed (exit " + exit + ")");
        }
    }
}
