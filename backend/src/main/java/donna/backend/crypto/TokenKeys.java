package donna.backend.crypto;

import donna.backend.config.BackendConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the token key comes from: TOKEN_ENCRYPTION_KEY when set (required with an external database, where
 * several instances must share it), otherwise a key generated once and kept owner-only in
 * {@code DONNA_DATA_DIR/token-encryption-key} beside the embedded database.
 */
public final class TokenKeys {
    public static final String FILE_NAME = "token-encryption-key";
    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);

    private TokenKeys() {}

    public static TokenCipher cipher(BackendConfig config) {
        BackendConfig.Google google = config.google();
        byte[] current = google.tokenEncryptionKey().map(TokenKeys::decode)
                .orElseGet(() -> loadOrCreate(config.dataDir().resolve(FILE_NAME)));
        List<byte[]> previous = google.previousEncryptionKeys().stream().map(TokenKeys::decode).toList();
        return new TokenCipher(current, previous);
    }

    /** The key in {@code file}, or a new random one written there first (rw------- where the OS has modes). */
    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    // Created with its final permissions and CREATE_NEW: never readable by others, and two
                    // services starting at once cannot end up with different keys.
                    Files.write(Files.createFile(file, ownerOnly(file)),
                            Base64.getEncoder().encode(key));
                    log.info("Generated the token encryption key in {}", file);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another process wrote it first: use theirs
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) throws IOException {
        boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    private static byte[] decode(String base64) {
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length != 32) {
            throw new IllegalStateException("the token encryption key is not 32 bytes");
        }
        return key;
    }
}
