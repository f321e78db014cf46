package donna.installer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The OS the packages are built for: always the one building them (jpackage cannot cross-build). Knows each OS's
 * names in jar and path names, its app-image layout and its installer types.
 */
enum TargetOs {
    LINUX(Set.of("linux"), "lib", List.of("deb", "rpm")),
    WINDOWS(Set.of("windows", "win", "win32", "win64"), "bin", List.of("msi")),
    MAC(Set.of("mac", "macos", "osx", "darwin"), "lib", List.of("dmg"));

    /** OS names that are none of ours: their natives never ship. */
    private static final Set<String> OTHERS = Set.of("freebsd", "openbsd", "netbsd", "dragonflybsd", "sunos",
            "solaris", "aix", "android");

    private final Set<String> tokens;
    private final String nativeLibDir;
    private final List<String> installerTypes;

    TargetOs(Set<String> tokens, String nativeLibDir, List<String> installerTypes) {
        this.tokens = tokens;
        this.nativeLibDir = nativeLibDir;
        this.installerTypes = installerTypes;
    }

    static TargetOs current() {
        return of(System.getProperty("os.name", ""));
    }

    static TargetOs of(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        return os.startsWith("mac") ? MAC : LINUX;
    }

    /** The installer types jpackage builds here; the app-image comes first, always. */
    List<String> installerTypes() {
        return installerTypes;
    }

    /** Where a jlinked runtime keeps native libraries (JavaFX looks for its own there before unpacking them). */
    Path nativeLibDir(Path runtime) {
        return runtime.resolve(nativeLibDir);
    }

    /** True when a name (a jar file, a path inside a jar) says it is for another OS. */
    boolean namesAnotherOs(String name) {
        List<String> words = List.of(name.toLowerCase(Locale.ROOT).split("[/._\\-]+"));
        boolean ours = words.stream().anyMatch(tokens::contains);
        boolean foreign = words.stream().anyMatch(w -> OTHERS.contains(w)
                || (!tokens.contains(w) && isOsWord(w)));
        return foreign && !ours;
    }

    /** A native library inside a jar that this OS cannot load: named for another OS, or by its file type. */
    boolean foreignNative(String entryName) {
        String lower = entryName.toLowerCase(Locale.ROOT);
        boolean dll = lower.endsWith(".dll");
        boolean macLib = lower.endsWith(".dylib") || lower.endsWith(".jnilib");
        boolean soOrArchive = lower.endsWith(".so") || lower.matches(".*\\.so(\\.\\d+)+") || lower.endsWith(".a");
        if (!dll && !macLib && !soOrArchive) {
            return false;
        }
        if (namesAnotherOs(lower)) {
            return true;
        }
        return (dll && this != WINDOWS) || (macLib && this != MAC);
    }

    /** The app-image's parts, per OS. */
    Path launcher(Path image, String name) {
        return switch (this) {
            case LINUX -> image.resolve("bin").resolve(name);
            case WINDOWS -> image.resolve(name + ".exe");
            case MAC -> image.resolve("Contents").resolve("MacOS").resolve(name);
        };
    }

    Path appDir(Path image) {
        return switch (this) {
            case LINUX -> image.resolve("lib").resolve("app");
            case WINDOWS -> image.resolve("app");
            case MAC -> image.resolve("Contents").resolve("app");
        };
    }

    /** The app-image folder jpackage writes under its --dest. */
    Path imageIn(Path dest, String name) {
        return dest.resolve(this == MAC ? name + ".app" : name);
    }

    private static boolean isOsWord(String w) {
        for (TargetOs os : values()) {
            if (os.tokens.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
