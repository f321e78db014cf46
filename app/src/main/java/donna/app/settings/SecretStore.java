package donna.app.settings;

import java.util.Optional;

/** Keeps one secret (the OpenAI key). Blocking. Implementations never log the value. */
public interface SecretStore {
    Optional<String> get();

    void put(String secret);

    void delete();

    /** Where the secret is kept, in words for the Settings pane. */
    String description();
}
