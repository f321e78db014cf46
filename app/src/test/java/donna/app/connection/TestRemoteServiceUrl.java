package donna.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A shared service is reached over https; plain http only on this machine. */
class TestRemoteServiceUrl {

    @Test
    void https_anywhere_and_http_on_loopback_are_accepted() {
        for (String ok : List.of("https://donna.example.com", "https://10.0.0.5:8443", "http://127.0.0.1:8080",
                "http://localhost:8080", "http://[::1]:8080", "http://127.1.2.3")) {
            assertThat(RemoteServiceUrl.checked(URI.create(ok))).as(ok).isEqualTo(URI.create(ok));
        }
    }

    @Test
    void plain_http_to_another_machine_is_refused_clearly() {
        for (String bad : List.of("http://donna.example.com", "http://192.0.2.10:8080", "http://localhost.evil.example",
                "http://127.0.0.1.nip.io", "ftp://donna.example.com", "https://user:pw@donna.example.com")) {
            assertThatThrownBy(() -> RemoteServiceUrl.checked(URI.create(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RemoteServiceUrl.checked(URI.create("http://donna.example.com:8080")))
                .hasMessageContaining("plain http to another machine").hasMessageContaining("https://donna.example.com:8080");
    }

    @Test
    void connecting_refuses_before_anything_is_sent() {
        AppMode mode = new AppMode(Optional.of(URI.create("http://192.0.2.10:8080")), false, false);

        assertThatThrownBy(() -> ServiceConnector.open(mode, null, () -> {
            throw new AssertionError("no sign-in for a refused address");
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain http");
    }
}
