package donna.app.desktop;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * macOS: a LaunchAgent plist in {@code ~/Library/LaunchAgents}; launchd reads it at the next login (nothing is
 * started now, so no {@code launchctl} call is needed).
 */
public final class MacLaunchAgent extends FileLoginItem {
    static final String LABEL = "dev.donna.desktop";

    private final List<String> command;

    public MacLaunchAgent(Path launchAgentsDir, List<String> command) {
        super(launchAgentsDir.resolve(LABEL + ".plist"));
        this.command = List.copyOf(command);
    }

    @Override
    String content() {
        String arguments = command.stream().map(a -> "    <string>" + xml(a) + "</string>")
                .collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                %s
                  </array>
                  <key>RunAtLoad</key>
                  <true/>
                  <key>ProcessType</key>
                  <string>Interactive</string>
                </dict>
                </plist>
                """.formatted(LABEL, arguments);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
