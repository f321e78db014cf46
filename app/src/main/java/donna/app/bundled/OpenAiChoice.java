package donna.app.bundled;

import donna.app.connection.AppMode;
import donna.app.settings.SecretStore;
import donna.app.settings.Settings;
import donna.backend.config.BackendConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which OpenAI the bundled service talks to: the user's key ({@code OPENAI_API_KEY}, else the keychain) at
 * {@code OPENAI_BASE_URL} (else api.openai.com), with the models chosen in Settings; with no key anywhere, demo
 * mode's fake on loopback. Asked when the service starts, so a key saved in Settings a moment earlier still counts.
 * The app and {@code voice-check} decide it the same way.
 */
public final class OpenAiChoice implements Supplier<BackendConfig.OpenAi> {
    private final Map<String, String> env;
    private final SecretStore keys;
    private final Supplier<Settings> settings;
    private final DemoOpenAi demo;

    public OpenAiChoice(Map<String, String> env, SecretStore keys, Supplier<Settings> settings, DemoOpenAi demo) {
        this.env = env;
        this.keys = keys;
        this.settings = settings;
        this.demo = demo;
    }

    /**
     * Where voice connects: the OpenAI the bundled service mints at (in demo mode its fake), else, with a remote
     * service, {@code OPENAI_BASE_URL} (default api.openai.com).
     */
    public URI realtimeBase(AppMode mode) {
        if (mode.bundled()) {
            return get().baseUrl();
        }
        return Optional.ofNullable(env.get("OPENAI_BASE_URL")).filter(s -> !s.isBlank()).map(URI::create)
                .orElse(BackendConfig.OpenAi.defaults().baseUrl());
    }

    @Override
    public BackendConfig.OpenAi get() {
        BackendConfig.OpenAi defaults = BackendConfig.OpenAi.defaults();
        Optional<String> key = AppMode.openAiKey(env)
                .or(keys::get);
        Settings current = settings.get();
        if (key.isEmpty()) {
            // Demo mode: the banner says replies are simulated; they come from the fake on loopback.
            return new BackendConfig.OpenAi(Optional.of(DemoOpenAi.KEY), demo.baseUrl(), current.chatModel(),
                    current.realtimeModel(), defaults.timeout());
        }
        URI base = Optional.ofNullable(env.get("OPENAI_BASE_URL")).filter(s -> !s.isBlank()).map(URI::create)
                .orElse(defaults.baseUrl());
        return new BackendConfig.OpenAi(key, base, current.chatModel(), current.realtimeModel(), defaults.timeout());
    }
}
