package donna.app.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Linux and other freedesktop desktops: a {@code .desktop} file in {@code $XDG_CONFIG_HOME/autostart}. */
public final class XdgAutostart extends FileLoginItem {
    /** Characters that make the spec require quoting. */
    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#()`";

    private final List<String> command;

    /** @param command the launcher and its arguments, as the session should run them */
    public XdgAutostart(Path autostartDir, List<String> command) {
        super(autostartDir.resolve("donna.desktop"));
        this.command = List.copyOf(command);
    }

    @Override
    String content() {
        return """
                [Desktop Entry]
                Type=Application
                Name=DONNA
                Comment=Voice and email assistant
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(exec(command));
    }

    /** The Exec key's quoting rules (Desktop Entry spec 1.5, "The Exec key"). */
    static String exec(List<String> args) {
        return args.stream().map(XdgAutostart::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        String escapedPercent = arg.replace("%", "%%");
        if (!escapedPercent.isEmpty() && escapedPercent.chars().noneMatch(c -> RESERVED.indexOf(c) >= 0)) {
            return escapedPercent;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : escapedPercent.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
