package donna.app.account;

import donna.core.oauth.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A browser for tests: opens the consent URL and follows the provider's redirect to the loopback callback, as a
 * person already signed in to Clerk would see happen. Keeps the last page it landed on.
 */
final class SimulatedBrowser implements Browser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final AtomicReference<HttpResponse<String>> lastPage = new AtomicReference<>();

    @Override
    public void open(URI uri) {
        try {
            lastPage.set(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> lastPage() {
        return lastPage.get();
    }
}
