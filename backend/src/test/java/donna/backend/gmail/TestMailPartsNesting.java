package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A mail whose parts nest thousands deep (found by {@link TestMailPartsFuzz}): read to a depth, never a crash. */
class TestMailPartsNesting {

    @Test
    void parts_nested_thousands_deep_are_read_to_a_depth_not_a_stack_overflow() {
        StringBuilder mail = new StringBuilder("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        int depth = 5_000;
        for (int i = 0; i < depth; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i)
                    .append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nthe bottom\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            mail.append("--b").append(i).append("--\r\n");
        }

        MailParts parts = MailParts.parse(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(parts.subject()).isEqualTo("deep");
        assertThat(parts.text()).as("too deep to be a body anyone wrote").isNull();
    }

    @Test
    void a_body_a_few_levels_down_is_still_found() {
        String mail = "From: a@example.com\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n--o\r\n"
                + "Content-Type: multipart/alternative; boundary=\"i\"\r\n\r\n--i\r\n"
                + "Content-Type: text/plain\r\n\r\nhello there\r\n--i--\r\n--o--\r\n";

        assertThat(MailParts.parse(mail.getBytes(StandardCharsets.US_ASCII)).text()).contains("hello there");
    }
}
