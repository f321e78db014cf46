package donna.core.voice.live;

import donna.core.voice.RealtimeTransportException;

/** The service's OpenAI account has no GPT-Live access ({@code 403 live_unavailable}): use the Realtime engine. */
public final class LiveUnavailableException extends RealtimeTransportException {
    public LiveUnavailableException(String message) {
        super(message);
    }
}
