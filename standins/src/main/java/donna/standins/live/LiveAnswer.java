package donna.standins.live;

/**
 * What {@code POST /v1/live/sessions} answers: 200 with {@code {"session":{"id"},"transport":{"type":"webrtc",
 * "sdp"}}}, or an error status with OpenAI's error JSON.
 */
public record LiveAnswer(int status, String body) {}
