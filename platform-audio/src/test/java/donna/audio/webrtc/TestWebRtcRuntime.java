package donna.audio.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWebRtcRuntime {

    @Test
    void aProcessHasOneRuntimeAndAHeadlessOneListsNoDevices() {
        WebRtcRuntime first = WebRtcRuntime.start(AudioBackend.HEADLESS);

        assertThat(WebRtcRuntime.start(AudioBackend.HEADLESS)).isSameAs(first);
        assertThat(WebRtcRuntime.start(AudioBackend.SYSTEM)).as("system audio falls back to what runs").isSameAs(first);
        assertThat(first.backend()).isEqualTo(AudioBackend.HEADLESS);
        assertThat(first.fallbackReason()).isEmpty();
        assertThat(first.inputs()).isEmpty();
        assertThat(first.outputs()).isEmpty();
    }

    /**
     * Runs in a child JVM whose PulseAudio server address leads nowhere, so it behaves like a machine without sound
     * on every computer: the system module's Error must be caught, never abort the process.
     */
    @Test
    void withoutASoundServerSystemAudioFallsBackToHeadlessWithAReason(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SystemAudioProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("PULSE_SERVER", "unix:" + dir.resolve("no-sound-server"));
        Process child = builder.start();
        child.getOutputStream().close();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        List<String> lines = lines(dir.resolve("out.txt"));

        assertThat(exited).as("child finished: %s", lines).isTrue();
        assertThat(child.exitValue()).as("child exit: %s", lines).isZero();
        assertThat(lines).contains("backend=HEADLESS", "same=true").anyMatch(l -> l.startsWith("reason=no sound device"));
    }

    private static List<String> lines(Path file) throws IOException {
        return java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
