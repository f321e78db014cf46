package donna.backend.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.ApiException;
import java.io.IOException;

/**
 * Fuzzes the ingestion body ({@code POST /api/v1/conversations/track}) with any bytes that are JSON: it is a request
 * within the limits or a 400 {@code validation_failed} naming the field, never another exception. Kept inputs:
 * {@code TestTrackRequestFuzzInputs}.
 */
class TestTrackRequestFuzz {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "20s")
    void anyBodyIsARequestOrAFieldNamedRefusal(byte[] input) {
        JsonNode body;
        try {
            body = JSON.readTree(input);
        } catch (IOException notJson) {
            return; // the route answers invalid JSON before parsing
        }
        try {
            TrackRequest request = TrackRequest.parse(body);
            assertThat(request.externalId()).isNotBlank().hasSizeLessThanOrEqualTo(TrackRequest.MAX_EXTERNAL_ID);
            assertThat(request.messages()).hasSizeLessThanOrEqualTo(TrackRequest.MAX_MESSAGES);
        } catch (ApiException refused) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
    }
}
