package donna.app.voice;

import donna.core.voice.RealtimeTransportException;
import donna.core.voice.VoiceScheduler;
import donna.core.voice.VoiceSession;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;

/** Voice for windows built without it (UI tests of other panes): connecting fails with a plain reason. */
public final class UnavailableVoice {
    private UnavailableVoice() {}

    /** Sessions that run on {@code ui} (serial) and cannot connect; no threads, no timers. */
    public static VoiceSessions sessions(Executor ui) {
        VoiceScheduler onUi = new VoiceScheduler() {
            @Override
            public void execute(Runnable task) {
                ui.execute(task);
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return () -> { }; // never connected, so nothing is ever timed
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
        return listener -> VoiceSession.builder().baseUrl(URI.create("http://127.0.0.1"))
                .tokens(() -> {
                    throw new RealtimeTransportException("voice is not set up in this window");
                })
                .transports(() -> {
                    throw new RealtimeTransportException("voice is not set up in this window");
                })
                .store((chatId, messages) -> chatId).scheduler(onUi).io(Runnable::run).listener(listener).build();
    }
}
