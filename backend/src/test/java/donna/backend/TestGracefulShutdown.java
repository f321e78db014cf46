package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.support.Http;
import donna.backend.support.Probes;
import donna.backend.support.TestService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestGracefulShutdown {
    @Test
    void a_request_in_flight_when_the_service_stops_still_completes(@TempDir Path dir) throws Exception {
        Probes probes = new Probes();
        TestService service = TestService.start(dir, c -> c, List.of(probes));
        Http http = service.http();
        CompletableFuture<Http.Response> inFlight = CompletableFuture.supplyAsync(
                () -> http.get("/api/probe/slow", internalAs("slowpoke")));
        assertThat(probes.slowEntered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::close);
        awaitRefusingNewConnections(http);
        probes.slowRelease.countDown();

        Http.Response response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("done").asBoolean()).isTrue();
        stopping.get(30, TimeUnit.SECONDS);
    }

    private static void awaitRefusingNewConnections(Http http) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try {
                // A connection the stopping server took but will never serve counts as refused too: without a short
                // timeout it would hang past Jetty's own stop timeout and fail the request in flight.
                http.send(b -> b.GET().timeout(Duration.ofSeconds(1)), "/api/health");
            } catch (IllegalStateException refused) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("service kept accepting connections while stopping");
    }
}
