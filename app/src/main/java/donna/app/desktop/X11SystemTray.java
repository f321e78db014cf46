package donna.app.desktop;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an X11 display has a system tray, asked as AWT's own tray asks (is there an owner of the
 * {@code _NET_SYSTEM_TRAY_S<screen>} selection?) but through libX11 directly. AWT can only say "no tray" after
 * starting its toolkit: its X connection and event thread, Java2D and ~250 classes, about 6 MB that an idle app
 * then carries for nothing on desktops without a tray (GNOME without the AppIndicator extension, Xvfb).
 */
final class X11SystemTray {
    private static final String LIBRARY = "libX11.so.6";

    private X11SystemTray() {}

    /** True where this probe applies: Linux with an X display (XWayland included: AWT uses it there too). */
    static boolean applies(String osName, String display) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && display != null && !display.isBlank();
    }

    /**
     * @param display an X display name ({@code :0}); null for {@code $DISPLAY}
     * @return whether the display has a tray; empty when it cannot tell (no libX11, the display does not open)
     */
    static Optional<Boolean> present(String display) {
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup x11 = SymbolLookup.libraryLookup(LIBRARY, arena);
            MethodHandle open = linker.downcallHandle(x11.findOrThrow("XOpenDisplay"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS));
            MethodHandle defaultScreen = linker.downcallHandle(x11.findOrThrow("XDefaultScreen"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS));
            MethodHandle internAtom = linker.downcallHandle(x11.findOrThrow("XInternAtom"),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT));
            MethodHandle selectionOwner = linker.downcallHandle(x11.findOrThrow("XGetSelectionOwner"),
                    FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
            MethodHandle close = linker.downcallHandle(x11.findOrThrow("XCloseDisplay"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS));

            MemorySegment name = display == null ? MemorySegment.NULL : arena.allocateFrom(display);
            MemorySegment connection = (MemorySegment) open.invokeExact(name);
            if (connection.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            try {
                int screen = (int) defaultScreen.invokeExact(connection);
                long atom = (long) internAtom.invokeExact(connection, arena.allocateFrom(trayAtom(screen)), 0);
                long owner = (long) selectionOwner.invokeExact(connection, atom);
                return Optional.of(owner != 0);
            } finally {
                int ignored = (int) close.invokeExact(connection);
            }
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            return Optional.empty(); // no libX11 here, or not the one we know
        } catch (Throwable e) {
            return Optional.empty(); // a native call failed: let AWT decide, as before
        }
    }

    /** The selection a tray (the freedesktop.org system tray protocol) owns on {@code screen}. */
    static String trayAtom(int screen) {
        return "_NET_SYSTEM_TRAY_S" + screen;
    }
}
