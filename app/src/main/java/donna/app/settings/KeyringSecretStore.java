package donna.app.settings;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import donna.app.common.OwnerOnlyFile;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS keyring (Keychain, Credential Manager, Secret Service) when there is one, else an owner-only file.
 * Headless Linux has no keyring: {@code Keyring.create()} fails fast there and the file is used.
 */
public final class KeyringSecretStore implements SecretStore {
    private static final Logger log = LoggerFactory.getLogger(KeyringSecretStore.class);
    private static final String SERVICE = "DONNA";

    private final Keyring keyring;
    private final String account;
    private final OwnerOnlyFile file;

    private KeyringSecretStore(Keyring keyring, String account, OwnerOnlyFile file) {
        this.keyring = keyring;
        this.account = account;
        this.file = file;
    }

    /** Probes the keyring once (a fraction of a second): call off the UI thread. */
    public static SecretStore open(String account, Path fallbackFile) {
        OwnerOnlyFile file = new OwnerOnlyFile(fallbackFile);
        try {
            return new KeyringSecretStore(Keyring.create(), account, file);
        } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
            log.info("No system keyring ({}); keeping the {} in an owner-only file", e.getMessage(), account);
            return new KeyringSecretStore(null, account, file);
        }
    }

    @Override
    public Optional<String> get() {
        if (keyring != null) {
            try {
                String value = keyring.getPassword(SERVICE, account);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value);
                }
            } catch (PasswordAccessException | RuntimeException e) {
                // "not found" also lands here; the file may still hold a key saved while the keyring was away.
                log.debug("Keyring has no {}: {}", account, e.getClass().getSimpleName());
            }
        }
        return file.read();
    }

    @Override
    public void put(String secret) {
        if (keyring != null) {
            try {
                keyring.setPassword(SERVICE, account, secret);
                file.delete();
                return;
            } catch (PasswordAccessException | RuntimeException e) {
                log.warn("Keyring refused the {} ({}); using an owner-only file", account,
                        e.getClass().getSimpleName());
            }
        }
        file.write(secret);
    }

    @Override
    public void delete() {
        if (keyring != null) {
            try {
                keyring.deletePassword(SERVICE, account);
            } catch (PasswordAccessException | RuntimeException e) {
                log.debug("Nothing to delete in the keyring for {}", account);
            }
        }
        file.delete();
    }

    @Override
    public String description() {
        return keyring != null ? "Stored in the system keyring." : "Stored in a file only you can read: " + file.path();
    }
}
