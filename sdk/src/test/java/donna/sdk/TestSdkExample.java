package donna.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import donna.sdk.example.SupportBot;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The documented example runs and sends what it says. */
class TestSdkExample {

    @Test
    void the_support_bot_example_sends_its_conversation() throws IOException {
        try (StandInService service = new StandInService()) {
            Stats stats = SupportBot.run(service.base().toString(), "dk_example_key", "ticket-1");
            assertThat(stats.sent()).isEqualTo(2);
            assertThat(stats.failed() + stats.dropped()).isZero();
            int messages = service.requests().stream().mapToInt(StandInService.Request::messages).sum();
            // user + assistant, then the Responses call: system + user + assistant.
            assertThat(messages).isEqualTo(5);
            assertThat(service.requests()).allSatisfy(r -> assertThat(r.externalId()).isEqualTo("ticket-1"));
        }
    }
}
