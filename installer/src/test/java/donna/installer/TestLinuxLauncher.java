package donna.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux launcher script, run for real against an app-image whose "java" prints the arguments it got: the app
 * must start exactly as jpackage's launcher would start it.
 */
@EnabledOnOs(OS.LINUX)
class TestLinuxLauncher {
    private static final String CFG = """
            [Application]
            app.classpath=$APPDIR/donna-app.jar
            app.mainclass=donna.app.Main
            app.classpath=$APPDIR/lib two.jar

            [JavaOptions]
            java-options=-Djpackage.app-version=0.1.0
            java-options=-XX:AOTCache=$APPDIR/donna.aot
            java-options=-Dname=with space
            """;

    @Test
    void it_starts_the_bundled_runtime_with_the_configured_options_then_the_users_arguments(@TempDir Path dir)
            throws Exception {
        Path image = fakeImage(dir.resolve("My Apps").resolve("DONNA"));
        Path app = image.resolve("lib").resolve("app");

        List<String> args = run(image.resolve("bin").resolve("DONNA"), "--smoke", "two words");

        String classPath = app.resolve("donna-app.jar") + ":" + app.resolve("lib two.jar");
        List<String> expected = new java.util.ArrayList<>(List.of("-Djpackage.app-version=0.1.0",
                "-XX:AOTCache=" + app.resolve("donna.aot"), "-Dname=with space"));
        if (!gpuDevice()) {
            expected.addAll(List.of("-Dprism.order=sw", "-Dprism.disableRegionCaching=true"));
        }
        expected.addAll(List.of("-Djpackage.app-path=" + image.resolve("bin").resolve("DONNA"), "-cp", classPath,
                "donna.app.Main", "--smoke", "two words"));
        assertThat(args).containsExactlyElementsOf(expected);
        assertThat(image.resolve("lib").resolve(LinuxLauncher.JPACKAGE_LIBRARY)).doesNotExist();
    }

    @Test
    void a_link_to_the_launcher_finds_the_image_it_points_into(@TempDir Path dir) throws Exception {
        Path image = fakeImage(dir.resolve("opt").resolve("DONNA"));
        Path link = Files.createSymbolicLink(dir.resolve("DONNA"), image.resolve("bin").resolve("DONNA"));

        assertThat(run(link)).contains("-XX:AOTCache=" + image.resolve("lib/app/donna.aot"), "donna.app.Main");
    }

    /** An app-image as jpackage leaves it (a launcher binary and its library), then the packager's step. */
    private static Path fakeImage(Path image) throws IOException {
        Path app = Files.createDirectories(image.resolve("lib").resolve("app"));
        Files.writeString(app.resolve("DONNA.cfg"), CFG);
        Files.writeString(Files.createDirectories(image.resolve("bin")).resolve("DONNA"), "jpackage's binary");
        Files.writeString(image.resolve("lib").resolve(LinuxLauncher.JPACKAGE_LIBRARY), "jpackage's library");
        Path java = Files.createDirectories(image.resolve("lib/runtime/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        LinuxLauncher.install(image, "DONNA");
        return image;
    }

    private static List<String> run(Path launcher, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    /** What the script checks: a GPU device means JavaFX may use OpenGL, so it must not be turned off. */
    private static boolean gpuDevice() throws IOException {
        Path dri = Path.of("/dev/dri");
        if (Files.exists(Path.of("/dev/nvidia0"))) {
            return true;
        }
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (Stream<Path> devices = Files.list(dri)) {
            return devices.anyMatch(d -> d.getFileName().toString().matches("renderD.*|card.*"));
        }
    }
}
