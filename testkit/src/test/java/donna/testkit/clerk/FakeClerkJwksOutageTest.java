package donna.testkit.clerk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeClerkJwksOutageTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void countsRequestsAndFailsOnDemand() throws Exception {
        try (FakeClerk clerk = FakeClerk.start(); http) {
            HttpRequest get = HttpRequest.newBuilder(clerk.jwksUrl()).timeout(Duration.ofSeconds(10)).build();
            HttpRequest impatient = HttpRequest.newBuilder(clerk.jwksUrl()).timeout(Duration.ofMillis(300)).build();
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(clerk.jwksRequests()).isEqualTo(1);

            clerk.jwksMode(JwksMode.ERROR_500);
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(500);

            clerk.jwksMode(JwksMode.DROP_CONNECTION);
            assertThatThrownBy(() -> http.send(get, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);

            clerk.jwksMode(JwksMode.HANG);
            assertThatThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);

            clerk.jwksMode(JwksMode.SERVE);
            assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            // At least one per call: the JDK client itself retries a GET once when the connection drops unanswered.
            assertThat(clerk.jwksRequests()).isGreaterThanOrEqualTo(5);
        }
    }
}
