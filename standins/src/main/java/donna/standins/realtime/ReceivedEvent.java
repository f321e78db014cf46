package donna.standins.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A client event a conversation received.
 *
 * @param type the event's {@code type} (empty when it had none or was not JSON)
 * @param json the parsed event (a missing node when it was not JSON); audio payloads are kept
 * @param at   when it arrived
 */
public record ReceivedEvent(String type, JsonNode json, Instant at) {}
