package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the inbound MIME parser with any bytes a sender (or a broken relay) can put in a mail. Whatever comes in,
 * it either reads the mail or says it is not one ({@link IllegalArgumentException}): no other exception, and no
 * stack overflow however deeply the parts nest ({@code TestMailPartsNesting}). Kept inputs: {@code TestMailPartsFuzzInputs}.
 */
class TestMailPartsFuzz {

    @FuzzTest(maxDuration = "30s")
    void anyBytesParseOrAreRefusedPlainly(byte[] input) {
        try {
            MailParts parts = MailParts.parse(input);
            assertThat(parts).isNotNull();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("Gmail sent a message");
        }
    }
}
