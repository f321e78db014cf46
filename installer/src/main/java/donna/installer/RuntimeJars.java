package donna.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The app's runtime jars, as Maven resolved them (whatever the app depends on today), sorted for packaging:
 * JavaFX's platform modules go into the jlink runtime; everything else goes on the class path beside it (automatic
 * modules and natives jars such as webrtc-java's cannot be linked); JavaFX's empty placeholder jars and jars built
 * for another OS stay out.
 *
 * @param javafxModules JavaFX platform jars, by module name (jlink --module-path)
 * @param classPath     the app jars
 * @param excluded      what stays out, with the reason, for the build log
 */
record RuntimeJars(List<JavafxModule> javafxModules, List<Path> classPath, List<String> excluded) {

    record JavafxModule(String name, Path jar) {}

    static RuntimeJars sort(Path jarDir, TargetOs os) {
        List<JavafxModule> fx = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Path jar : jars(jarDir)) {
            String file = jar.getFileName().toString();
            Optional<ModuleDescriptor> module = descriptor(jar);
            String name = module.map(ModuleDescriptor::name).orElse("");
            if (os.namesAnotherOs(file)) {
                excluded.add(file + " (built for another OS)");
            } else if (name.startsWith("javafx.") && module.get().isAutomatic()) {
                excluded.add(file + " (JavaFX's empty placeholder; the platform jar carries the module)");
            } else if (name.startsWith("javafx.")) {
                fx.add(new JavafxModule(name, jar));
            } else {
                classPath.add(jar);
            }
        }
        return new RuntimeJars(List.copyOf(fx), List.copyOf(classPath), List.copyOf(excluded));
    }

    List<String> javafxModuleNames() {
        return javafxModules.stream().map(JavafxModule::name).toList();
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** The jar's module as the module system sees it; empty when it cannot be read as one. */
    private static Optional<ModuleDescriptor> descriptor(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor);
        } catch (RuntimeException e) {
            return Optional.empty(); // e.g. a jar whose name gives no valid automatic module name
        }
    }
}
