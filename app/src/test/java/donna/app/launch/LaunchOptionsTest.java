package donna.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsIsANormalSession() {
        LaunchOptions options = LaunchOptions.parse(List.of());
        assertThat(options.smoke()).isEqualTo(LaunchOptions.Smoke.OFF);
        assertThat(options.smokeRun()).isFalse();
        assertThat(options.background()).isFalse();
        assertThat(options.fakeService()).isFalse();
    }

    @Test
    void smokeFlagsPickWhatTheRunWaitsFor() {
        assertThat(LaunchOptions.parse(List.of("--smoke")).smoke()).isEqualTo(LaunchOptions.Smoke.FIRST_FRAME);
        assertThat(LaunchOptions.parse(List.of("--smoke=service")).smoke()).isEqualTo(LaunchOptions.Smoke.SERVICE);
    }

    @Test
    void unknownArgumentsAreKeptNotRefused() {
        LaunchOptions options = LaunchOptions.parse(List.of("-psn_0_12345", "--background", "--dev-fake-service"));
        assertThat(options.unknown()).containsExactly("-psn_0_12345");
        assertThat(options.background()).isTrue();
        assertThat(options.fakeService()).isTrue();
    }
}
