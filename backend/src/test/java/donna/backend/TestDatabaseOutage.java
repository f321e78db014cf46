package donna.backend;

import static donna.backend.support.TestService.SECRET;
import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.config.BackendConfig;
import donna.backend.support.Await;
import donna.backend.support.Http;
import donna.backend.support.SharedPostgres;
import donna.backend.support.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardening finding 4: with PostgreSQL unreachable, requests that needed it answered 500 internal_error. Every
 * route answers 503 database_unavailable with Retry-After instead, and works again once the database is back.
 */
class TestDatabaseOutage {

    @Test
    void every_route_answers_503_with_retry_after_while_the_database_is_gone_and_recovers(@TempDir Path dir) {
        String url = SharedPostgres.newDatabase();
        Matcher port = Pattern.compile("//[^:/]+:(\\d+)/").matcher(url);
        assertThat(port.find()).isTrue();
        try (TcpProxy proxy = new TcpProxy(Integer.parseInt(port.group(1)))) {
            String proxied = url.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + proxy.port() + "/");
            BackendConfig base = BackendConfig.loopback(dir, SECRET);
            BackendConfig config = new BackendConfig(base.host(), 0, Optional.of(proxied), Optional.empty(),
                    Optional.empty(), dir, SECRET, List.of(), Optional.empty(), 1_000, base.maxBodyBytes(), false, "",
                    base.openai(), base.google());
            try (CompanionService service = CompanionService.start(config)) {
                Http http = new Http(service.baseUri());
                assertThat(http.get("/api/memory", internalAs("steady")).status()).isEqualTo(200);

                proxy.cut();
                // A user never seen (no cached lookup), a known one reading memory, the chat history: in parallel,
                // since each waits out the pool's connection timeout.
                List<CompletableFuture<Http.Response>> during = List.of(
                        CompletableFuture.supplyAsync(() -> http.get("/api/me", internalAs("newcomer"))),
                        CompletableFuture.supplyAsync(() -> http.get("/api/memory", internalAs("steady"))),
                        CompletableFuture.supplyAsync(() -> http.get("/api/chat/sessions", internalAs("steady"))));
                for (CompletableFuture<Http.Response> f : during) {
                    Http.Response r = f.join();
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.json().path("error").path("code").asText()).isEqualTo("database_unavailable");
                    assertThat(r.header("Retry-After")).isEqualTo("5");
                    assertThat(r.body()).doesNotContain("SQLException", "PSQL", "jdbc");
                }

                proxy.restore();
                // A pooled connection that died in the cut may answer one more 503 (the client retries, as told);
                // then everything works again without a restart.
                Await.until(Duration.ofSeconds(30), "the service recovers",
                        () -> http.get("/api/me", internalAs("newcomer")).status() == 200);
                assertThat(http.get("/api/memory", internalAs("steady")).status()).isEqualTo(200);
                assertThat(http.get("/api/chat/sessions", internalAs("steady")).status()).isEqualTo(200);
            }
        }
    }
}
