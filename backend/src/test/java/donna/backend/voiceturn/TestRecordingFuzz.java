package donna.backend.voiceturn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import donna.backend.http.ApiException;

/**
 * Fuzzes the check of a spoken turn's recording ({@code POST /api/voice/turn}'s body) with any bytes: it accepts a
 * recording within the limits or answers one of its four refusals, never another exception, never a loop. Kept
 * inputs: {@code TestRecordingFuzzInputs}.
 */
class TestRecordingFuzz {

    @FuzzTest(maxDuration = "20s")
    void anyBodyIsARecordingOrAPlainRefusal(byte[] input) {
        try {
            Recording r = Recording.check(input);
            assertThat(r.millis()).isBetween((long) Recording.MIN_MILLIS, Recording.MAX_SECONDS * 1000L);
            assertThat(r.peak()).isGreaterThanOrEqualTo(Recording.SILENCE_PEAK);
        } catch (ApiException refused) {
            assertThat(refused.status()).isIn(413, 415, 422);
        }
    }
}
