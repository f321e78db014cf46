package donna.backend.campaigns;

import donna.backend.http.ApiException;

/** The campaign feature's 400: {@code validation_failed} with a message naming the field. */
final class CampaignInput {
    private CampaignInput() {}

    static ApiException invalid(String message) {
        return ApiException.badRequest("validation_failed", message);
    }
}
