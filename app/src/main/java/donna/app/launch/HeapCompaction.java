package donna.app.launch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full collection once start-up is over. Start-up leaves garbage (parsed CSS, the service's start, the first
 * requests) in a heap sized for its peak, and the serial collector returns memory to the OS only when a full
 * collection finds the heap emptier than {@code MaxHeapFreeRatio}: an idle app would keep that peak for good. The
 * packaged JVM options (docs/performance.md) make this one collection shrink the heap at once.
 */
public final class HeapCompaction {
    private static final Logger log = LoggerFactory.getLogger(HeapCompaction.class);

    private HeapCompaction() {}

    /** Collects on a background thread (the pause stops the FX thread too: ~40 ms, once). */
    public static void afterStartUp() {
        Thread.ofPlatform().daemon().name("donna-heap-compaction").start(() -> {
            long before = Runtime.getRuntime().totalMemory();
            System.gc(); // the point of this class: see above
            Runtime runtime = Runtime.getRuntime();
            log.info("Heap after start-up: {} MB committed (was {} MB), {} MB in use", runtime.totalMemory() >> 20,
                    before >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        });
    }
}
