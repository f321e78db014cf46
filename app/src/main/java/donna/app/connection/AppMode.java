package donna.app.connection;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How this run of the app reaches its service.
 *
 * @param remote  the shared service's URL (remote mode), empty in bundled mode
 * @param demo    no OpenAI key anywhere: replies are simulated and the app says so
 * @param inMemory the dev-only in-process fake service (screenshots, trying the UI without a service)
 */
public record AppMode(Optional<URI> remote, boolean demo, boolean inMemory) {

    public static final String BACKEND_URL_ENV = "DONNA_BACKEND_URL";
    public static final String FAKE_SERVICE_FLAG = "--dev-fake-service";
    /** The OpenAI key from the environment: it wins over one saved in Settings. */
    public static final String OPENAI_KEY_ENV = "OPENAI_API_KEY";

    /** The environment's OpenAI key, when set and not blank. */
    public static Optional<String> openAiKey(Map<String, String> env) {
        return Optional.ofNullable(env.get(OPENAI_KEY_ENV)).filter(s -> !s.isBlank());
    }

    /** Env wins over the settings file; either one turns remote mode on. */
    public static AppMode resolve(Map<String, String> env, String settingsBackendUrl, boolean keyStored,
                                  boolean fakeServiceFlag) {
        String url = Optional.ofNullable(env.get(BACKEND_URL_ENV)).filter(s -> !s.isBlank())
                .orElse(settingsBackendUrl == null ? "" : settingsBackendUrl.strip());
        boolean envKey = openAiKey(env).isPresent();
        Optional<URI> remote = url.isBlank() || fakeServiceFlag ? Optional.empty() : Optional.of(URI.create(url));
        return new AppMode(remote, !envKey && !keyStored, fakeServiceFlag);
    }

    public boolean bundled() {
        return remote.isEmpty() && !inMemory;
    }
}
