package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import donna.app.common.SameThreadTaskExecutor;
import donna.core.api.BackendClient;
import donna.core.api.RetryPolicy;
import donna.core.voice.AudioDevice;
import donna.core.voice.ManualScheduler;
import donna.core.voice.TokenSource;
import donna.core.voice.VoiceDevices;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceState;
import donna.standins.realtime.InMemoryTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the service refuses a voice secret over the user's daily budget or concurrent cap (429), and the Voice
 * pane shows the service's own message, not a generic error. The refusal comes over HTTP in the service's envelope
 * to a real {@link BackendClient}, as in the app.
 */
class TestVoiceBudgetRefusal {
    private static final String BUDGET_MESSAGE = "You have used 61 of your 60 voice minutes today; voice is "
            + "available again after midnight UTC";

    private final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-22T12:00:00Z"));
    private final AtomicInteger mints = new AtomicInteger();
    private HttpServer service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop(0);
        }
    }

    /** A stand-in for the service whose every mint is refused with {@code code} and {@code message}. */
    private BackendClient refusing(String code, String message) throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/api/realtime/token", exchange -> {
            mints.incrementAndGet();
            byte[] body = ("{\"success\":false,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message
                    + "\",\"traceId\":\"t-1\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", "43200");
            exchange.sendResponseHeaders(429, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
        return BackendClient.builder(URI.create("http://127.0.0.1:" + service.getAddress().getPort()))
                .token(() -> Optional.of("s3cret")).user("local")
                .retry(RetryPolicy.none(), RetryPolicy.Sleeper.REAL).build();
    }

    private VoiceViewModel viewModel(BackendClient client) {
        return new VoiceViewModel(listener -> VoiceSession.builder().baseUrl(URI.create("http://127.0.0.1:1"))
                .tokens(TokenSource.continuing(session -> client.realtimeToken(null, session)))
                .transports(InMemoryTransport::new)
                .store((chatId, messages) -> "chat-voice")
                .scheduler(scheduler).io(Runnable::run).listener(listener).random(() -> 1.0).build(),
                VoiceDevices.of(List.of(AudioDevice.SYSTEM_DEFAULT), List.of(AudioDevice.SYSTEM_DEFAULT)),
                new SameThreadTaskExecutor(), Runnable::run);
    }

    @Test
    void aBudgetRefusalShowsTheServicesMessage() throws IOException {
        VoiceViewModel vm = viewModel(refusing("voice_budget_exhausted", BUDGET_MESSAGE));

        vm.toggleConnection();
        scheduler.runPending();

        assertThat(vm.stateProperty().get()).isEqualTo(VoiceState.FAILED);
        assertThat(vm.stateTextProperty().get()).isEqualTo("Voice is not working");
        assertThat(vm.detailProperty().get()).isEqualTo("Could not connect to DONNA's voice: " + BUDGET_MESSAGE);
        assertThat(mints).as("asked once, not retried into the refusal").hasValue(1);
    }

    @Test
    void aSessionLimitRefusalShowsTheServicesMessage() throws IOException {
        String message = "You already have 2 voice sessions open, the most at once is 2; end one (or wait two "
                + "minutes after closing one elsewhere) to start another";
        VoiceViewModel vm = viewModel(refusing("voice_session_limit", message));

        vm.toggleConnection();
        scheduler.runPending();

        assertThat(vm.detailProperty().get()).isEqualTo("Could not connect to DONNA's voice: " + message);
    }
}
