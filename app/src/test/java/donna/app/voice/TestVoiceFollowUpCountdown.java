package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.voice.FollowUpWindow;
import donna.core.voice.ManualScheduler;
import donna.core.voice.RealtimeToken;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Voice pane's countdown while the follow-up window after DONNA's question is open (issue 16). */
class TestVoiceFollowUpCountdown {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-12-07T05:00:00Z"));
    private final AtomicReference<VoiceSessionListener> listener = new AtomicReference<>();
    private final VoiceViewModel vm = new VoiceViewModel(l -> {
        listener.set(l);
        return VoiceSession.builder().baseUrl(URI.create("http://127.0.0.1:1"))
                .tokens(() -> new RealtimeToken("ek_test", scheduler.now().plusSeconds(60), "gpt-realtime"))
                .transports(() -> {
                    throw new RealtimeTransportException("not used here");
                })
                .store((chatId, messages) -> chatId).scheduler(scheduler).io(Runnable::run).listener(l).build();
    }, VoiceDevices.systemDefault(), new SameThreadTaskExecutor(), Runnable::run);

    @Test
    void theCountdownShowsTheSecondsLeftAndGoesWhenTheWindowCloses() {
        assertThat(vm.followUpTextProperty().get()).isEmpty();

        listener.get().onFollowUp(new FollowUpWindow(true, 5));
        assertThat(vm.followUpTextProperty().get()).isEqualTo("Listening for your answer… 5 s");
        listener.get().onFollowUp(new FollowUpWindow(true, 4));
        assertThat(vm.followUpTextProperty().get()).isEqualTo("Listening for your answer… 4 s");

        listener.get().onFollowUp(FollowUpWindow.CLOSED);
        assertThat(vm.followUpTextProperty().get()).isEmpty();
    }

    @Test
    void theOptionIsOffUntilSettingsTurnsItOn() {
        assertThat(vm.followUpProperty().get()).isFalse();
    }
}
