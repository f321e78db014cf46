package donna.standins.realtime;

/**
 * What {@code POST /v1/realtime/calls} answers.
 *
 * @param status      201 with an SDP answer, or an error status
 * @param contentType {@code application/sdp} or {@code application/json} (errors)
 * @param body        the SDP answer or OpenAI's error JSON
 * @param location    {@code /v1/realtime/calls/{call_id}} on success, else null
 */
public record CallAnswer(int status, String contentType, String body, String location) {}
