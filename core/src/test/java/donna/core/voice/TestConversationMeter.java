package donna.core.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ConversationMeter} on its own: one metered session per conversation, heartbeats while it lasts, its end
 * reported once, and sessions that open nothing ended at once but never the conversation's.
 */
class TestConversationMeter {
    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> reports = new ArrayList<>();
    private final ConversationMeter metering = new ConversationMeter(new VoiceMeter() {
        @Override
        public void heartbeat(String sessionId) {
            reports.add("heartbeat " + sessionId);
        }

        @Override
        public void end(String sessionId) {
            reports.add("end " + sessionId);
        }
    }, scheduler, Runnable::run);

    @Test
    void aConnectedSessionHeartbeatsUntilItEndsOnce() {
        metering.connected("vs-1");
        metering.connected("vs-1"); // a reconnect continuing it: still one session, one heartbeat timer

        assertThat(metering.continuing()).isEqualTo("vs-1");
        scheduler.advance(VoiceMeter.INTERVAL.multipliedBy(2));
        assertThat(reports).containsExactly("heartbeat vs-1", "heartbeat vs-1");

        metering.end();
        metering.end();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(reports).containsExactly("heartbeat vs-1", "heartbeat vs-1", "end vs-1");
        assertThat(metering.continuing()).isNull();
        assertThat(scheduler.pendingTimers()).isZero();
    }

    @Test
    void aNewSessionFromTheServiceEndsTheOldOne() {
        metering.connected("vs-1");
        metering.connected("vs-2");

        assertThat(reports).containsExactly("end vs-1");
        assertThat(metering.continuing()).isEqualTo("vs-2");
    }

    @Test
    void sessionsThatOpenNothingEndAtOnceButNeverTheConversations() {
        metering.connected("vs-1");

        metering.unused(new RealtimeToken("ek", Instant.MAX, "m", "vs-1")); // a spare of this conversation
        metering.unused(new RealtimeToken("ek", Instant.MAX, "m")); // a secret of no metered session
        metering.unused(null);
        metering.unused("vs-1", null);
        metering.unused("live-1", "live-1"); // the one the failed attempt continued
        assertThat(reports).isEmpty();

        metering.unused(new RealtimeToken("ek", Instant.MAX, "m", "vs-9"));
        metering.unused("live-2", "vs-1");
        assertThat(reports).containsExactly("end vs-9", "end live-2");
    }

    @Test
    void aServiceThatDoesNotAnswerDoesNotStopTheConversation() {
        ConversationMeter failing = new ConversationMeter(new VoiceMeter() {
            @Override
            public void heartbeat(String sessionId) {
                throw new IllegalStateException("service down");
            }

            @Override
            public void end(String sessionId) {
                throw new IllegalStateException("service down");
            }
        }, scheduler, Runnable::run);
        failing.connected("vs-1");

        scheduler.advance(VoiceMeter.INTERVAL.multipliedBy(2));
        failing.end();

        assertThat(failing.continuing()).isNull();
        assertThat(scheduler.pendingTimers()).isZero();
    }
}
