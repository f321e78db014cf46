package donna.app.settings;

import java.util.Optional;

/** A secret store that holds nothing: UI tests must not touch the machine's keyring. */
public final class NoSecrets implements SecretStore {
    @Override
    public Optional<String> get() {
        return Optional.empty();
    }

    @Override
    public void put(String secret) { }

    @Override
    public void delete() { }

    @Override
    public String description() {
        return "nowhere (test)";
    }
}
