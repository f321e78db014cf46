package donna.audio.webrtc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * Ends a command-line process that used WebRTC. webrtc-java's native threads cannot be stopped, and when the JVM
 * goes away one of them prints "VM attach current thread failed" to standard output, whatever the program did
 * (even a factory that was disposed). A command whose output is its result ({@code voice-check --json}: one line)
 * cannot have that: after its output is flushed, standard output is pointed at the null device (POSIX
 * {@code dup2}, through the JDK's foreign function API), then the process halts.
 */
public final class NativeExit {
    private static final int O_WRONLY = 1;
    private static final int STDOUT = 1;

    private NativeExit() {}

    /**
     * Silences native standard output where the platform allows, and halts with {@code status}. The caller has
     * flushed its own output first.
     */
    public static void halt(int status) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            try {
                silenceStandardOutput();
            } catch (Throwable e) {
                // Without native access the chatter stays: harmless, only untidy.
            }
        }
        Runtime.getRuntime().halt(status);
    }

    private static void silenceStandardOutput() throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle open = linker.downcallHandle(libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int devNull = (int) open.invokeExact(arena.allocateFrom("/dev/null"), O_WRONLY);
            if (devNull >= 0) {
                int ignored = (int) dup2.invokeExact(devNull, STDOUT);
            }
        }
    }
}
