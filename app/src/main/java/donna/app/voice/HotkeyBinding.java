package donna.app.voice;

import donna.app.common.TaskExecutor;
import donna.audio.hotkey.GlobalHotkey;
import donna.audio.hotkey.HotkeyCombo;
import donna.audio.hotkey.HotkeyStatus;
import donna.audio.hotkey.PushToTalkListener;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global push-to-talk hotkey registered as Settings says. Nothing is registered before {@link #start()}
 * (the app calls it after the first frame: the hook loads native code); after that every change of combination
 * closes the old registration and registers the new one, off the FX thread. The hotkey's presses and releases reach
 * the Voice pane on the UI thread. Methods other than the hook's callbacks are called on the UI thread.
 */
public final class HotkeyBinding implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HotkeyBinding.class);

    private final HotkeyHook hook;
    private final TaskExecutor tasks;
    private final PushToTalkListener listener;
    private final ReadOnlyObjectWrapper<HotkeyStatus> status = new ReadOnlyObjectWrapper<>();
    private final Object lock = new Object();
    private volatile HotkeyCombo wanted = HotkeyCombo.DEFAULT;
    private boolean started;
    private long shown;
    // Guarded by lock: registrations run on task threads, possibly two at once after quick changes.
    private GlobalHotkey.Registration current;
    private HotkeyCombo registered;
    private long applied;
    private boolean closed;

    /** @param press and {@code release} run on {@code ui} when the hotkey goes down and comes up */
    public HotkeyBinding(HotkeyHook hook, TaskExecutor tasks, Executor ui, Runnable press, Runnable release) {
        this.hook = hook;
        this.tasks = tasks;
        this.listener = new PushToTalkListener() {
            @Override
            public void pressed() {
                ui.execute(press);
            }

            @Override
            public void released() {
                ui.execute(release);
            }
        };
    }

    /** What the last registration gave; null until the first one is done. */
    public ReadOnlyObjectProperty<HotkeyStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The combination to register: at once when started, else at {@link #start()}. */
    public void use(HotkeyCombo combo) {
        wanted = combo;
        if (started) {
            register();
        }
    }

    public void start() {
        if (!started) {
            started = true;
            register();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    private void register() {
        tasks.submit(this::registerWanted, this::show, failure -> {
            log.warn("The push-to-talk hotkey could not be set up", failure);
            status.set(new HotkeyStatus.Unavailable("it could not be set up (" + failure.getMessage() + ")"));
        });
    }

    /**
     * Registers whatever is wanted when the task runs, not when it was asked: after two quick changes both tasks
     * end with the last combination registered, in whichever order they run.
     */
    private Outcome registerWanted() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            HotkeyCombo combo = wanted;
            if (current == null || !combo.equals(registered) || !(current.status() instanceof HotkeyStatus.Active)) {
                if (current != null) {
                    current.close();
                }
                current = hook.register(combo, listener);
                registered = combo;
            }
            return new Outcome(++applied, current.status());
        }
    }

    /** Results may arrive out of order: an older one never replaces a newer one. */
    private void show(Outcome outcome) {
        if (outcome != null && outcome.sequence() > shown) {
            shown = outcome.sequence();
            status.set(outcome.status());
        }
    }

    private record Outcome(long sequence, HotkeyStatus status) {}
}
