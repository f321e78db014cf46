package donna.backend;

import static donna.backend.support.TestService.internalAs;
import static org.assertj.core.api.Assertions.assertThat;

import donna.backend.support.Http;
import donna.backend.support.TestService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestInternalAuth {
    private static TestService service;

    @BeforeAll
    static void start(@TempDir Path dir) {
        service = TestService.start(dir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void without_clerk_the_public_sign_in_config_says_there_is_no_sign_in() {
        Http.Response response = service.http().get("/api/auth/config");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("sign_in").asText()).isEqualTo("none");
        assertThat(response.json().has("client_id")).isFalse();
    }

    @Test
    void no_token_is_401_in_the_envelope() {
        Http.Response response = service.http().get("/api/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void a_wrong_secret_or_scheme_is_401() {
        assertThat(service.http().get("/api/me", "Authorization", "Bearer " + TestService.SECRET + "x").status())
                .isEqualTo(401);
        assertThat(service.http().get("/api/me", "Authorization", "Basic " + TestService.SECRET).status())
                .isEqualTo(401);
        assertThat(service.http().get("/api/me", "Authorization", "Bearer ").status()).isEqualTo(401);
    }

    @Test
    void the_api_secret_is_an_internal_caller_without_a_user() {
        Http.Response response = service.http().get("/api/me", "Authorization", "Bearer " + TestService.SECRET);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("auth").asText()).isEqualTo("internal");
        assertThat(response.json().path("user").isNull()).isTrue();
    }

    @Test
    void an_internal_caller_acting_for_a_user_upserts_that_user_once() {
        Http.Response first = service.http().get("/api/me", internalAs("user_abc"));
        Http.Response second = service.http().get("/api/me", internalAs("user_abc"));
        assertThat(first.json().path("user").path("clerk_id").asText()).isEqualTo("user_abc");
        assertThat(first.json().path("user").path("id").asText())
                .isEqualTo(second.json().path("user").path("id").asText()).isNotBlank();
        Integer rows = service.service().database().jdbi().withHandle(h -> h.createQuery(
                "select count(*) from users where clerk_id = 'user_abc'").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void a_malformed_user_header_is_400() {
        Http.Response response = service.http().get("/api/me", internalAs("bad user!"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("bad_request");
    }
}
