package donna.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds DONNA's installers for the OS it runs on, from the app's runtime jars as Maven resolved them:
 * <ol>
 *   <li>sort the jars ({@link RuntimeJars}) and copy the class path, without other OSes' natives;</li>
 *   <li>ask jdeps which JDK modules the jars use and jlink a runtime of those plus JavaFX (stripped, with a CDS
 *       archive), JavaFX's natives beside the runtime's own so they load without being unpacked first;</li>
 *   <li>jpackage an app-image (on Linux with a script as its launcher: {@link LinuxLauncher}), train its AOT cache
 *       with a real start ({@link AotTraining}) and check it is used;</li>
 *   <li>jpackage the installers (deb and rpm on Linux, msi on Windows, dmg on macOS) from that image.</li>
 * </ol>
 * Run by the installer module's {@code package} profile ({@code ./donna package}); prints where everything is.
 */
public final class Packager {
    static final String NAME = "DONNA";
    static final String MAIN_CLASS = "donna.app.Main";
    static final String VENDOR = "DONNA";
    static final String DESCRIPTION = "Voice and email assistant";
    static final String IDENTIFIER = "dev.donna.desktop";
    /** Fixed forever: Windows Installer upgrades in place only when it stays the same. */
    static final String WINDOWS_UPGRADE_UUID = "6f1d3c1e-4a4b-4e0a-9a7e-2f6d8c5b9d21";
    /**
     * Modules jdeps cannot see because they are reached through services or reflection: TLS with elliptic curves,
     * sun.misc.Unsafe (caffeine, JNA), extra charsets for mail, zip file systems and DNS lookups of libraries.
     */
    static final List<String> EXTRA_MODULES = List.of("jdk.crypto.ec", "jdk.unsupported", "jdk.charsets",
            "jdk.zipfs", "jdk.naming.dns");

    private final Options options;
    private final TargetOs os = TargetOs.current();

    private Packager(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        try {
            new Packager(Options.parse(List.of(args))).run();
        } catch (IllegalArgumentException e) {
            System.err.println("packager: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("packager: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() {
        long started = System.nanoTime();
        Path out = options.out();
        Path packages = recreate(out.resolve("packages"));
        Path resources = recreate(out.resolve("resources"));
        writeResources(resources);
        Path image = os.imageIn(out.resolve("image"), NAME);
        if (options.reuseImage()) {
            if (!Files.isDirectory(image)) {
                throw new IllegalStateException("No app-image to reuse at " + image);
            }
            System.out.println("DONNA " + options.version() + " for " + os + ", from the app-image " + image);
        } else {
            buildImage(out);
        }

        Map<String, Path> built = new LinkedHashMap<>();
        built.put("app-image", image);
        for (String type : options.types()) {
            if (type.equals("app-image")) {
                continue;
            }
            if (type.equals("rpm") && !Tools.onPath("rpmbuild")) {
                System.out.println("  rpm: skipped (rpmbuild is not installed)");
                continue;
            }
            Map<String, String> env = type.equals("deb")
                    ? Map.of("DPKG_DEB_COMPRESSOR_TYPE", options.debCompression()) : Map.of();
            Tools.exec(installerCommand(type, image, resources, packages), env, out);
            built.put(type, newest(packages, type));
        }
        System.out.printf("DONNA packages (%d s):%n", (System.nanoTime() - started) / 1_000_000_000L);
        built.forEach((type, path) -> System.out.printf("  %-9s %s (%s)%n", type, path, mb(size(path))));
    }

    /** Runtime, app-image and its trained AOT cache. */
    private void buildImage(Path out) {
        Path input = recreate(out.resolve("input"));
        Path runtime = out.resolve("runtime");
        Path imageDest = recreate(out.resolve("image"));
        Path work = recreate(out.resolve("work"));
        System.out.println("DONNA " + options.version() + " for " + os + ", from " + options.jars());

        RuntimeJars jars = RuntimeJars.sort(options.jars(), os);
        jars.excluded().forEach(e -> System.out.println("  left out: " + e));
        for (Path jar : jars.classPath()) {
            List<String> dropped = NativeStripper.copy(jar, input.resolve(jar.getFileName()), os);
            if (!dropped.isEmpty()) {
                System.out.println("  " + jar.getFileName() + ": left out " + dropped.size()
                        + " native libraries of other OSes");
            }
        }

        List<String> modules = modules(jars, input);
        System.out.println("  runtime modules: " + String.join(",", modules));
        link(jars, modules, runtime);

        Tools.exec(appImageCommand(jars, input, runtime, imageDest), Map.of(), out);
        Path image = os.imageIn(imageDest, NAME);
        if (os == TargetOs.LINUX) {
            LinuxLauncher.install(image, NAME);
        }
        Path cache = AotTraining.train(image, NAME, os, work);
        System.out.println("  AOT cache: " + mb(size(cache)));
        System.out.println("  check run (packaged, with its cache): " + AotTraining.verify(image, NAME, os, work));
    }

    /** JDK modules the jars use (jdeps), JavaFX's, and the ones reached only through services. */
    private List<String> modules(RuntimeJars jars, Path input) {
        List<String> modulePath = new ArrayList<>(jars.javafxModules().stream()
                .map(m -> m.jar().toString()).toList());
        modulePath.add(input.toString());
        String printed = Tools.run("jdeps", List.of("--ignore-missing-deps", "--print-module-deps", "--multi-release",
                String.valueOf(Runtime.version().feature()), "--module-path",
                String.join(java.io.File.pathSeparator, modulePath), "--add-modules", "ALL-MODULE-PATH"));
        String last = printed.strip().lines().reduce((a, b) -> b).orElse("java.base");
        Set<String> modules = new TreeSet<>();
        for (String m : last.split(",")) {
            if (!m.isBlank() && !m.startsWith("javafx.")) {
                modules.add(m.strip());
            }
        }
        modules.addAll(EXTRA_MODULES);
        modules.addAll(jars.javafxModuleNames());
        return List.copyOf(modules);
    }

    private void link(RuntimeJars jars, List<String> modules, Path runtime) {
        AotTraining.deleteTree(runtime);
        String fxPath = String.join(java.io.File.pathSeparator,
                jars.javafxModules().stream().map(m -> m.jar().toString()).toList());
        Tools.run("jlink", List.of("--module-path", fxPath, "--add-modules", String.join(",", modules),
                // JavaFX's natives are copied beside the JDK's below instead of unpacked at every first start.
                "--exclude-resources=glob:/javafx.*/*.so,glob:/javafx.*/*.dll,glob:/javafx.*/*.dylib",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive", "--compress=zip-6",
                "--output", runtime.toString()));
        for (RuntimeJars.JavafxModule fx : jars.javafxModules()) {
            JavafxNatives.copy(fx.jar(), os.nativeLibDir(runtime));
        }
    }

    private List<String> appImageCommand(RuntimeJars jars, Path input, Path runtime, Path dest) {
        List<String> c = new ArrayList<>(List.of(Tools.jdkCommand("jpackage"), "--type", "app-image"));
        c.addAll(common());
        c.addAll(List.of("--input", input.toString(), "--main-jar", options.mainJar(), "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(), "--dest", dest.toString(), "--icon", icon().toString()));
        for (String javaOption : javaOptions(jars, os)) {
            c.addAll(List.of("--java-options", javaOption));
        }
        if (os == TargetOs.MAC) {
            c.addAll(List.of("--mac-package-identifier", IDENTIFIER, "--mac-package-name", NAME));
        }
        return c;
    }

    /** The JVM options of every start of the installed app. */
    static List<String> javaOptions(RuntimeJars jars, TargetOs os) {
        List<String> nativeAccess = new ArrayList<>(jars.javafxModuleNames());
        nativeAccess.add("ALL-UNNAMED");
        List<String> options = new ArrayList<>(List.of(
                "--enable-native-access=" + String.join(",", nativeAccess),
                LauncherConfig.USE_CACHE + "$APPDIR/" + AotTraining.CACHE_FILE,
                // JDK 25.0.3 warns on stdout at every start that one cached adapter does not link; the cache's
                // classes are what count for start-up, so adapters are left out of it.
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching",
                // The cache's training data would have the JIT compile at once, during the first frame, every method
                // the training run had compiled (~100 ms of CPU); with C1 only (below) its profiles serve nothing.
                "-XX:-AOTReplayTraining",
                // Footprint of a one-user desktop app (docs/performance.md): the serial collector (no G1 remembered
                // sets, ~35 MB less), a heap that starts small and gives memory back, and C1 only (no C2 compiler
                // arenas; the bundled service's load is one person's).
                "-XX:+UseSerialGC", "-Xms8m", "-XX:TieredStopAtLevel=1",
                // The heap given back: the app runs one full collection once its service is up (launch.
                // HeapCompaction); these let that one shrink the heap to its live data plus 15% at once (by
                // default the serial collector shrinks over four full collections), and keep the young
                // generation, all of it touched memory, at 4 MB instead of half the old generation: 5 MB less than
                // 8 MB, for young collections twice as often (each a millisecond or two at this size).
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=15", "-XX:-ShrinkHeapInSteps", "-XX:MaxNewSize=4m"));
        if (os == TargetOs.LINUX) {
            // glibc keeps freed native memory (start-up's parsing, class loading) unless asked to return it. Only
            // there: elsewhere the JVM would print a warning at every start.
            options.add("-XX:TrimNativeHeapInterval=10000");
        }
        return options;
    }

    private List<String> installerCommand(String type, Path image, Path resources, Path dest) {
        List<String> c = new ArrayList<>(List.of(Tools.jdkCommand("jpackage"), "--type", type));
        c.addAll(common());
        c.addAll(List.of("--app-image", image.toString(), "--resource-dir", resources.toString(),
                "--dest", dest.toString()));
        switch (type) {
            case "deb" -> c.addAll(List.of("--linux-package-name", "donna", "--linux-deb-maintainer",
                    "maintainers@donna.dev", "--linux-menu-group", "Office", "--linux-shortcut",
                    "--linux-app-category", "misc",
                    // Added to what jpackage finds with ldd: what JavaFX (GTK, GL) and audio load at run time.
                    "--linux-package-deps", "libgtk-3-0, libgl1, libpulse0, libasound2"));
            case "rpm" -> c.addAll(List.of("--linux-package-name", "donna", "--linux-menu-group", "Office",
                    "--linux-shortcut", "--linux-rpm-license-type", "Proprietary",
                    "--linux-package-deps", "gtk3, mesa-libGL, pulseaudio-libs, alsa-lib"));
            case "msi" -> c.addAll(List.of("--win-menu", "--win-menu-group", NAME, "--win-shortcut",
                    "--win-dir-chooser", "--win-per-user-install", "--win-upgrade-uuid", WINDOWS_UPGRADE_UUID));
            case "dmg" -> {
                c.addAll(List.of("--mac-package-identifier", IDENTIFIER, "--mac-package-name", NAME));
                if (!options.macSignIdentity().isEmpty()) {
                    // Signed here, not in the app-image: the AOT cache is added to the image after jpackage made it.
                    c.addAll(List.of("--mac-sign", "--mac-signing-key-user-name", options.macSignIdentity()));
                }
            }
            default -> throw new IllegalArgumentException("Unknown package type " + type);
        }
        return c;
    }

    private List<String> common() {
        return List.of("--name", NAME, "--app-version", options.version(), "--vendor", VENDOR,
                "--description", DESCRIPTION, "--copyright", "Copyright DONNA");
    }

    /** The icon in this OS's format, from resources/icons. */
    private Path icon() {
        return options.icons().resolve(switch (os) {
            case LINUX -> "donna-256.png";
            case WINDOWS -> "donna.ico";
            case MAC -> "donna.icns";
        });
    }

    /** jpackage's resource folder: the icon under the app's name, and our templates (the Linux desktop entry). */
    private void writeResources(Path resources) {
        try {
            String iconName = icon().getFileName().toString();
            Files.copy(icon(), resources.resolve(NAME + iconName.substring(iconName.lastIndexOf('.'))));
            Path templates = options.templates().resolve(os.name().toLowerCase(java.util.Locale.ROOT));
            if (Files.isDirectory(templates)) {
                try (Stream<Path> files = Files.list(templates)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, resources.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the jpackage resources", e);
        }
    }

    private static Path newest(Path dir, String type) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("." + type))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("jpackage made no ." + type + " in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static Path recreate(Path dir) {
        AotTraining.deleteTree(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    static long size(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + path, e);
        }
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
