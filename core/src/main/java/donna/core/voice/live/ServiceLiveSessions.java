package donna.core.voice.live;

import com.fasterxml.jackson.databind.JsonNode;
import donna.core.api.BackendClient;
import donna.core.api.ServiceException;
import donna.core.chat.Profile;
import donna.core.voice.RealtimeTransportException;
import java.util.function.Supplier;

/**
 * GPT-Live sessions through the companion service ({@code POST /api/voice/live/sessions}): it creates the session
 * with its own key (the app never holds one) for DONNA speaking as the profile chosen in the chat.
 */
public final class ServiceLiveSessions implements LiveSessionApi {
    private final Supplier<BackendClient> client;
    private final Supplier<Profile> profile;

    public ServiceLiveSessions(Supplier<BackendClient> client, Supplier<Profile> profile) {
        this.client = client;
        this.profile = profile;
    }

    @Override
    public Created create(String offerSdp, String continuing) {
        JsonNode answer;
        try {
            answer = client.get().liveSession(profile.get(), offerSdp, continuing);
        } catch (ServiceException e) {
            if ("live_unavailable".equals(e.error().code())) {
                throw new LiveUnavailableException(e.error().message());
            }
            throw new RealtimeTransportException("the service could not create the GPT-Live session: "
                    + e.error().message(), e);
        }
        if (!answer.path("sdp").isTextual() || !answer.path("sdp").asText().startsWith("v=")) {
            throw new RealtimeTransportException("the service answered the GPT-Live session without an SDP answer");
        }
        return new Created(answer.path("sdp").asText(), answer.path("live_session_id").asText(null),
                answer.path("donna_session_id").asText(null));
    }
}
