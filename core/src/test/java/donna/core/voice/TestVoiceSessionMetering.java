package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the service meters voice from what the app reports, since it never sees the session itself. A connected
 * session reports a heartbeat every minute and its end on disconnect; spares for reconnects continue the same
 * metered session, and a secret that opens nothing is ended at once so it costs nothing more.
 */
class TestVoiceSessionMetering {
    private final VoiceHarness h = new VoiceHarness();

    @Test
    void aConnectedSessionHeartbeatsEveryMinuteAndEndsOnDisconnect() {
        h.metering = true;
        h.connected();

        assertThat(h.continuations).as("a new session, then the spare continuing it").containsExactly(null, "vs-1");
        assertThat(h.meterReports).isEmpty();
        h.scheduler.advance(Duration.ofSeconds(59));
        assertThat(h.meterReports).isEmpty();
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(h.meterReports).containsExactly("heartbeat vs-1");
        h.scheduler.advance(Duration.ofSeconds(120));
        assertThat(h.meterReports).containsExactly("heartbeat vs-1", "heartbeat vs-1", "heartbeat vs-1");
        assertThat(h.continuations).as("renewed spares continue the session").hasSizeGreaterThan(2)
                .allMatch(c -> c == null || c.equals("vs-1"));
        assertThat(h.sessionsStarted).isEqualTo(1);

        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.meterReports).endsWith("end vs-1").filteredOn(r -> r.startsWith("end")).hasSize(1);
        int reports = h.meterReports.size();
        h.scheduler.advance(Duration.ofMinutes(5));
        assertThat(h.meterReports).as("nothing after the end").hasSize(reports);
        assertThat(h.scheduler.pendingTimers()).isZero();
    }

    @Test
    void aReconnectContinuesTheSameMeteredSession() {
        h.metering = true;
        FakeTransport first = h.connected();

        first.listener.onClosed("socket dropped", true);
        h.scheduler.runPending();
        h.scheduler.advance(Duration.ofMillis(250));
        h.confirm(h.transport());
        h.scheduler.advance(Duration.ofSeconds(60));

        assertThat(h.state()).isEqualTo(VoiceState.READY);
        assertThat(h.sessionsStarted).isEqualTo(1);
        assertThat(h.meterReports).contains("heartbeat vs-1").noneMatch(r -> r.startsWith("end"));
    }

    @Test
    void aSecretThatOpensNothingEndsItsSessionAtOnce() {
        h.metering = true;
        h.failConnects = 1;
        h.session.connect();
        h.scheduler.runPending();

        assertThat(h.state()).isEqualTo(VoiceState.FAILED);
        assertThat(h.meterReports).containsExactly("end vs-1");
        assertThat(h.scheduler.pendingTimers()).isZero();
    }

    @Test
    void aServiceThatMetersNothingIsToldNothing() {
        h.connected();
        h.scheduler.advance(Duration.ofMinutes(3));
        h.session.disconnect();
        h.scheduler.runPending();

        assertThat(h.meterReports).isEmpty();
    }
}
