package donna.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packager's command line ({@code --option=value}; an empty value is allowed), as the installer module's pom
 * passes it.
 *
 * @param jars           the app's runtime jars (maven-dependency-plugin copied them)
 * @param mainJar        the app's own jar among them
 * @param version        the installers' version: Maven's without its qualifier (0.1.0-SNAPSHOT is 0.1.0)
 * @param icons          resources/icons
 * @param templates      jpackage resource templates, one folder per OS (linux/, windows/, mac/)
 * @param out            where everything is written
 * @param types          app-image plus the installer types to build (default: this OS's)
 * @param debCompression dpkg-deb's compressor: xz for releases, none where only speed counts (CI)
 * @param reuseImage     build the installers from the app-image an earlier run left (signed in between)
 * @param macSignIdentity the Developer ID the .dmg's app is signed with; empty: unsigned
 */
record Options(Path jars, String mainJar, String version, Path icons, Path templates, Path out, List<String> types,
               String debCompression, boolean reuseImage, String macSignIdentity) {

    static Options parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --option=value, got " + arg);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        TargetOs os = TargetOs.current();
        String version = numericVersion(required(values, "version"));
        if (os == TargetOs.MAC && version.startsWith("0.")) {
            throw new IllegalArgumentException("macOS bundles need a version of 1 or more (CFBundleVersion): "
                    + "pass -Ddonna.package.version=1.x.y");
        }
        List<String> types = new ArrayList<>(List.of("app-image"));
        String requested = values.getOrDefault("types", "");
        types.addAll(requested.isBlank() ? os.installerTypes()
                : List.of(requested.split(",")).stream().map(String::strip).filter(t -> !t.equals("app-image"))
                        .toList());
        return new Options(Path.of(required(values, "jars")), required(values, "main-jar"), version,
                Path.of(required(values, "icons")), Path.of(required(values, "templates")),
                Path.of(required(values, "out")), List.copyOf(types),
                values.getOrDefault("deb-compression", "xz").isBlank() ? "xz" : values.get("deb-compression"),
                Boolean.parseBoolean(values.getOrDefault("reuse-image", "false")),
                values.getOrDefault("mac-sign-identity", "").strip());
    }

    /** jpackage wants numbers only (and Windows at most three of them). */
    static String numericVersion(String mavenVersion) {
        String numbers = mavenVersion.split("[-+]")[0];
        if (!numbers.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("version " + mavenVersion + " is not like 1.2.3");
        }
        return numbers;
    }

    private static String required(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }
}
