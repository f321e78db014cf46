package donna.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM options of every start of the installed app. */
class TestPackagerOptions {
    private static final RuntimeJars JARS = new RuntimeJars(
            List.of(new RuntimeJars.JavafxModule("javafx.graphics", Path.of("javafx-graphics-linux.jar"))),
            List.of(), List.of());

    @Test
    void every_os_reads_the_cache_without_replaying_its_training_and_gives_heap_back() {
        for (TargetOs os : TargetOs.values()) {
            List<String> options = Packager.javaOptions(JARS, os);
            assertThat(options).contains("--enable-native-access=javafx.graphics,ALL-UNNAMED",
                    "-XX:AOTCache=$APPDIR/donna.aot", "-XX:+UseSerialGC", "-XX:MaxHeapFreeRatio=15",
                    "-XX:-ShrinkHeapInSteps", "-XX:MaxNewSize=4m");
            // Diagnostic options are refused unless unlocked first.
            assertThat(options.indexOf("-XX:-AOTReplayTraining"))
                    .isGreaterThan(options.indexOf("-XX:+UnlockDiagnosticVMOptions"));
        }
    }

    @Test
    void only_linux_trims_the_native_heap_elsewhere_the_jvm_would_warn_at_every_start() {
        assertThat(Packager.javaOptions(JARS, TargetOs.LINUX)).contains("-XX:TrimNativeHeapInterval=10000");
        assertThat(Packager.javaOptions(JARS, TargetOs.WINDOWS)).noneMatch(o -> o.startsWith("-XX:TrimNative"));
        assertThat(Packager.javaOptions(JARS, TargetOs.MAC)).noneMatch(o -> o.startsWith("-XX:TrimNative"));
    }
}
