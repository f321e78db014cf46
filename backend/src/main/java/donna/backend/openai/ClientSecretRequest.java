package donna.backend.openai;

import java.time.Duration;

/**
 * What a client secret is minted for: the realtime session the app will open with it.
 *
 * @param model              the realtime model
 * @param voice              the voice DONNA speaks with
 * @param instructions       the profile's instructions (plus what DONNA remembers)
 * @param transcriptionModel the model that transcribes the user's audio (transcripts are kept in the history)
 * @param ttl                how long the secret can open a connection (10 s to 2 h)
 */
public record ClientSecretRequest(String model, String voice, String instructions, String transcriptionModel,
        Duration ttl) {}
