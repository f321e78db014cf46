package donna.app.account;

import donna.app.settings.SecretStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A keychain stand-in that keeps its one secret in memory, so tests can look at what was stored. */
final class MemorySecretStore implements SecretStore {
    private final AtomicReference<String> value = new AtomicReference<>();

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(value.get());
    }

    @Override
    public void put(String secret) {
        value.set(secret);
    }

    @Override
    public void delete() {
        value.set(null);
    }

    @Override
    public String description() {
        return "memory (test)";
    }
}
