package donna.audio.hotkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestGlobalHotkey {
    private final List<Process> started = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private final PushToTalkListener recorder = new PushToTalkListener() {
        @Override
        public void pressed() {
            heard.add("pressed");
        }

        @Override
        public void released() {
            heard.add("released");
        }
    };

    @AfterEach
    void stopProcesses() {
        started.forEach(Process::destroy);
    }

    @Test
    void combinationsParseNormaliseAndRefuseNonsenseReadably() {
        HotkeyCombo combo = HotkeyCombo.parse(" alt + ctrl+space");
        assertThat(combo).isEqualTo(HotkeyCombo.DEFAULT);
        assertThat(combo.toString()).isEqualTo("Ctrl+Alt+Space");
        assertThat(HotkeyCombo.parse("shift+page up").toString()).isEqualTo("Shift+PageUp");
        assertThat(HotkeyCombo.parse("meta+F9").toString()).isEqualTo("Meta+F9");

        assertThatThrownBy(() -> HotkeyCombo.parse("Ctrl+Alt")).hasMessageContaining("needs a key besides");
        assertThatThrownBy(() -> HotkeyCombo.parse("Ctrl+Banana")).hasMessageContaining("no key called Banana");
        assertThatThrownBy(() -> HotkeyCombo.parse("A+B")).hasMessageContaining("one key");
        assertThatThrownBy(() -> HotkeyCombo.parse("Space")).hasMessageContaining("needs Ctrl, Alt, Shift or Meta")
                .hasMessageContaining("Space alone");
        assertThatThrownBy(() -> HotkeyCombo.parse("A")).hasMessageContaining("A alone");
        assertThat(HotkeyCombo.parse("F9").toString()).as("a function key may be alone").isEqualTo("F9");
        assertThat(HotkeyCombo.parse("f24").modifiers()).isEmpty();
    }

    @Test
    void aHoldIsOnePressWhateverRepeatsAndLettingGoOfAnyPartReleases() {
        ComboTracker tracker = new ComboTracker(HotkeyCombo.DEFAULT, recorder);
        int ctrlAlt = NativeKeyEvent.CTRL_L_MASK | NativeKeyEvent.ALT_L_MASK;

        tracker.keyPressed(NativeKeyEvent.VC_SPACE, NativeKeyEvent.CTRL_L_MASK); // Alt missing
        tracker.keyPressed(NativeKeyEvent.VC_SPACE, ctrlAlt);
        tracker.keyPressed(NativeKeyEvent.VC_SPACE, ctrlAlt); // auto-repeat
        tracker.keyReleased(NativeKeyEvent.VC_A);
        tracker.keyReleased(NativeKeyEvent.VC_ALT); // Alt up first: that ends it
        tracker.keyReleased(NativeKeyEvent.VC_SPACE);

        assertThat(heard).containsExactly("pressed", "released");
    }

    @Test
    void withoutADisplayTheAppGetsAReadableNoteAndTheWindowKey() {
        GlobalHotkey.Registration noX = GlobalHotkey.register(HotkeyCombo.DEFAULT, recorder, Map.of());
        GlobalHotkey.Registration wayland = GlobalHotkey.register(HotkeyCombo.DEFAULT, recorder,
                Map.of("WAYLAND_DISPLAY", "wayland-0"));

        assertThat(noX.status()).isInstanceOfSatisfying(HotkeyStatus.Unavailable.class, u -> assertThat(u.note())
                .isEqualTo("global hotkey unavailable: no X display (DISPLAY is not set); use Space in the window"));
        assertThat(wayland.status()).isInstanceOfSatisfying(HotkeyStatus.Unavailable.class,
                u -> assertThat(u.note()).contains("Wayland session gives apps no global keys"));
        noX.close();
        wayland.close();
    }

    /**
     * The real thing: the hook in a process of its own on an X display, the keys typed by another program
     * (xdotool). Uses the test environment's display, or starts Xvfb; where there is neither it checks that the
     * hotkey process falls back instead. It never skips.
     */
    @Test
    void keysTypedByAnotherProgramReachTheHotkey() throws Exception {
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isBlank()) && onPath("Xvfb")) {
            display = startXvfb();
        }
        if (display == null || display.isBlank()) {
            Lines probe = probe(null);
            assertThat(probe.next()).startsWith("unavailable global hotkey unavailable: no X display");
            return;
        }
        assertThat(onPath("xdotool")).as("xdotool types the keys on %s (apt: xdotool)", display).isTrue();
        Lines probe = probe(display);
        assertThat(probe.next()).isEqualTo("active Ctrl+Alt+Space");

        xdotool(display, "keydown", "ctrl+alt+space");
        assertThat(probe.next()).isEqualTo("pressed");
        xdotool(display, "keyup", "space");
        assertThat(probe.next()).isEqualTo("released");
        xdotool(display, "keyup", "ctrl+alt");
    }

    private Lines probe(String display) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                HotkeyProbe.class.getName(), "Ctrl+Alt+Space").redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("WAYLAND_DISPLAY");
        if (display == null) {
            builder.environment().remove("DISPLAY");
        } else {
            builder.environment().put("DISPLAY", display);
        }
        return new Lines(start(builder));
    }

    private String startXvfb() throws Exception {
        Process xvfb = start(new ProcessBuilder("Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0",
                "640x480x24").redirectError(ProcessBuilder.Redirect.DISCARD));
        return ":" + new Lines(xvfb).next();
    }

    private void xdotool(String display, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("xdotool %s: %s", args, new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8)).isZero();
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** A process's output lines, read as they come, each awaited with a timeout. */
    private static final class Lines {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Lines(Process process) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(output ended: " + e.getMessage() + ")");
                }
            });
        }

        String next() throws InterruptedException {
            String line = lines.poll(20, TimeUnit.SECONDS);
            assertThat(line).as("a line within 20 s").isNotNull();
            return line;
        }
    }
}
