package donna.audio;

/**
 * A microphone or a speaker the user can pick.
 *
 * @param id   what the platform knows it by (stable across runs where the platform allows)
 * @param name what the user reads
 */
public record AudioEndpoint(String id, String name) {}
