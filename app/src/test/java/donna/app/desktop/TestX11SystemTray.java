package donna.app.desktop;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tray probe against a real X server: an Xvfb of its own (no tray), then the same display after a stand-in tray
 * has claimed the tray selection, as a panel's tray does.
 */
class TestX11SystemTray {
    private static Process xvfb;
    private static String display;

    @BeforeAll
    static void startXvfb() throws Exception {
        // -displayfd 1: Xvfb picks a free display and prints its number once it accepts clients.
        xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "320x240x24")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(number).as("Xvfb's display number (apt: xvfb)").isNotNull().matches("\\d+");
        display = ":" + number;
    }

    @AfterAll
    static void stopXvfb() {
        if (xvfb != null) {
            xvfb.destroy();
        }
    }

    @Test
    void a_display_without_a_tray_says_so() {
        assertThat(X11SystemTray.present(display)).contains(false);
    }

    @Test
    void a_display_whose_tray_selection_has_an_owner_has_a_tray() throws Throwable {
        try (StandInTray tray = StandInTray.claim(display)) {
            assertThat(X11SystemTray.present(display)).contains(true);
        }
    }

    @Test
    void a_display_that_does_not_open_leaves_the_question_to_awt() {
        assertThat(X11SystemTray.present(":4242")).isEmpty();
    }

    @Test
    void it_applies_on_linux_with_a_display_only() {
        assertThat(X11SystemTray.applies("Linux", ":0")).isTrue();
        assertThat(X11SystemTray.applies("Linux", "")).isFalse();
        assertThat(X11SystemTray.applies("Linux", null)).isFalse();
        assertThat(X11SystemTray.applies("Mac OS X", ":0")).isFalse();
        assertThat(X11SystemTray.applies("Windows 11", ":0")).isFalse();
    }

    /** A window owning {@code _NET_SYSTEM_TRAY_S0}, on its own connection, until closed. */
    private record StandInTray(Arena arena, MethodHandle closeDisplay, MemorySegment connection)
            implements AutoCloseable {
        static StandInTray claim(String display) throws Throwable {
            Linker linker = Linker.nativeLinker();
            Arena arena = Arena.ofConfined();
            SymbolLookup x11 = SymbolLookup.libraryLookup("libX11.so.6", arena);
            MemorySegment connection = (MemorySegment) linker.downcallHandle(x11.findOrThrow("XOpenDisplay"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS)).invokeExact(arena.allocateFrom(display));
            assertThat(connection).isNotEqualTo(MemorySegment.NULL);
            long root = (long) linker.downcallHandle(x11.findOrThrow("XDefaultRootWindow"),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS)).invokeExact(connection);
            long window = (long) linker.downcallHandle(x11.findOrThrow("XCreateSimpleWindow"),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                            JAVA_INT, JAVA_LONG, JAVA_LONG))
                    .invokeExact(connection, root, 0, 0, 1, 1, 0, 0L, 0L);
            long atom = (long) linker.downcallHandle(x11.findOrThrow("XInternAtom"),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT))
                    .invokeExact(connection, arena.allocateFrom(X11SystemTray.trayAtom(0)), 0);
            int set = (int) linker.downcallHandle(x11.findOrThrow("XSetSelectionOwner"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG))
                    .invokeExact(connection, atom, window, 0L);
            // XSync: the claim has reached the server before the probe asks on its own connection.
            int synced = (int) linker.downcallHandle(x11.findOrThrow("XSync"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)).invokeExact(connection, 0);
            MethodHandle close = linker.downcallHandle(x11.findOrThrow("XCloseDisplay"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS));
            return new StandInTray(arena, close, connection);
        }

        @Override
        public void close() {
            try {
                int ignored = (int) closeDisplay.invokeExact(connection);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            } finally {
                arena.close();
            }
        }
    }
}
