package donna.backend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.TextNode;
import donna.backend.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes a campaign's CSV audience (the text a person pastes or a spreadsheet exports) through the CSV reader and
 * the audience rules: any text gives recipients and refused rows, or a 400 {@code validation_failed} naming what is
 * wrong; never another exception (a 500). Every recipient has an address; no row is both taken and refused. Kept
 * inputs: {@code TestAudienceCsvFuzzInputs}.
 */
class TestAudienceCsvFuzz {

    @FuzzTest(maxDuration = "20s")
    void anyCsvIsRecipientsOrAPlainRefusal(byte[] input) {
        try {
            Audience.Parsed parsed = Audience.csv(TextNode.valueOf(new String(input, StandardCharsets.UTF_8)));
            assertThat(parsed.recipients()).allSatisfy(r -> assertThat(r.email()).contains("@"));
        } catch (ApiException refused) {
            assertThat(refused.status()).isEqualTo(400);
        }
    }

    @Test
    void a_file_of_only_a_byte_order_mark_is_refused_plainly() {
        anyCsvIsRecipientsOrAPlainRefusal("\uFEFF".getBytes(StandardCharsets.UTF_8));
    }
}
