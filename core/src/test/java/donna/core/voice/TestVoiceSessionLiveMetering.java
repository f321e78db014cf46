package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 (GPT-Live) with issue 15's metering: the service opens a Live connection's metered session itself, and
 * the voice session reports it as it does a minted secret's. A reconnect names it ({@code session_id}) so the
 * conversation stays one metered session; it heartbeats on meanwhile and ends once: at the disconnect, when
 * reconnecting gives up, or when the service answered the reconnect with a new one.
 */
class TestVoiceSessionLiveMetering {
    private static final String STARTED = "{\"type\":\"session.started\",\"session\":{\"id\":\"live_x\"}}";

    private final VoiceHarness h = new VoiceHarness();

    @BeforeEach
    void liveAndMetered() {
        h.live = true;
        h.metering = true;
    }

    private FakeTransport connected() {
        h.session.connect();
        h.scheduler.runPending();
        h.emit(STARTED);
        assertThat(h.state()).isEqualTo(VoiceState.READY);
        return h.transport();
    }

    private void drop(FakeTransport t) {
        t.listener.onClosed("ICE failed", true);
        h.scheduler.runPending();
        assertThat(h.state()).isEqualTo(VoiceState.RECONNECTING);
    }

    private List<String> ends() {
        return h.meterReports.stream().filter(r -> r.startsWith("end")).toList();
    }

    @Test
    void aDroppedLiveConnectionsReconnectContinuesItsMeteredSessionWhichEndsOnceAtTheDisconnect() {
        FakeTransport first = connected();
        assertThat(h.liveContinuations).as("a new session").containsExactly((String) null);
        assertThat(h.minted).as("Live needs no secret").isEmpty();

        drop(first);
        h.scheduler.advance(Duration.ofMillis(250));
        h.emit(STARTED);

        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.transports).hasSize(2);
        assertThat(h.liveContinuations).as("the reconnect names the dropped connection's session")
                .containsExactly(null, "lv-1");
        assertThat(h.sessionsStarted).isEqualTo(1);
        assertThat(ends()).as("not ended by the drop").isEmpty();

        h.scheduler.advance(Duration.ofSeconds(60));
        assertThat(h.meterReports).as("its heartbeats go on").containsExactly("heartbeat lv-1");

        h.session.disconnect();
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMinutes(3));

        assertThat(ends()).containsExactly("end lv-1");
        assertThat(h.meterReports).endsWith("end lv-1");
        assertThat(h.scheduler.pendingTimers()).isZero();
    }

    @Test
    void whenReconnectingGivesUpTheMeteredSessionEndsOnce() {
        FakeTransport first = connected();
        h.failConnects = 100; // each attempt's SDP exchange succeeds, its connection then fails
        drop(first);

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.liveContinuations).hasSize(7).first().isNull();
        assertThat(h.liveContinuations.subList(1, 7)).as("every attempt continues it").containsOnly("lv-1");
        assertThat(h.sessionsStarted).isEqualTo(1);
        assertThat(ends()).containsExactly("end lv-1");
        assertThat(h.scheduler.pendingTimers()).isZero();
    }

    @Test
    void aDisconnectWhileReconnectingEndsTheMeteredSessionOnce() {
        drop(connected());

        h.session.disconnect();
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMinutes(3));

        assertThat(h.state()).isEqualTo(VoiceState.IDLE);
        assertThat(h.transports).as("no reconnect after the disconnect").hasSize(1);
        assertThat(ends()).containsExactly("end lv-1");
    }

    @Test
    void aReconnectTheServiceGaveANewSessionEndsTheOldOneOnceAndMetersTheNewOne() {
        FakeTransport first = connected();
        h.liveContinuesNothing = true; // lv-1 was no longer open at the service
        drop(first);
        h.scheduler.advance(Duration.ofMillis(250));
        h.emit(STARTED);

        assertThat(h.liveContinuations).containsExactly(null, "lv-1");
        assertThat(ends()).containsExactly("end lv-1");

        h.scheduler.advance(Duration.ofSeconds(60));
        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.meterReports).containsExactly("end lv-1", "heartbeat lv-2", "end lv-2");
    }

    @Test
    void aLiveConnectionThatFailsAfterItsSessionWasCreatedEndsThatSessionAtOnce() {
        h.failConnects = 1;
        h.session.connect();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.meterReports).containsExactly("end lv-1");
    }

    @Test
    void aNormalDisconnectEndsItAtOnce() {
        connected();
        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.meterReports).containsExactly("end lv-1");
    }
}
