package donna.backend.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTokenEncryption {
    private static final String TOKEN = "1//0refresh-token-plaintext";

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void the_stored_form_holds_no_plaintext_and_a_fresh_nonce_every_time() {
        TokenCipher cipher = new TokenCipher(key(), List.of());
        String a = cipher.encrypt(TOKEN, "user-1");
        String b = cipher.encrypt(TOKEN, "user-1");

        assertThat(a).startsWith("v1:" + cipher.currentKeyId() + ":").doesNotContain(TOKEN).isNotEqualTo(b);
        assertThat(cipher.decrypt(a, "user-1")).isEqualTo(TOKEN);
        assertThat(cipher.decrypt(b, "user-1")).isEqualTo(TOKEN);
    }

    @Test
    void another_owner_a_tampered_value_or_an_unknown_key_do_not_decrypt() {
        TokenCipher cipher = new TokenCipher(key(), List.of());
        String stored = cipher.encrypt(TOKEN, "user-1");
        // A character inside the ciphertext (the last one may carry only padding bits).
        int at = stored.length() - 10;
        String tampered = stored.substring(0, at) + (stored.charAt(at) == 'A' ? 'B' : 'A') + stored.substring(at + 1);

        assertThatThrownBy(() -> cipher.decrypt(stored, "user-2")).isInstanceOf(TokenCipher.UndecryptableException.class);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "user-1"))
                .isInstanceOf(TokenCipher.UndecryptableException.class);
        assertThatThrownBy(() -> new TokenCipher(key(), List.of()).decrypt(stored, "user-1"))
                .isInstanceOf(TokenCipher.UndecryptableException.class).hasMessageContaining("does not have");
        assertThatThrownBy(() -> cipher.decrypt(TOKEN, "user-1")).hasMessageNotContaining(TOKEN);
    }

    @Test
    void after_a_rotation_old_values_still_decrypt_and_are_marked_for_rewriting() {
        byte[] oldKey = key();
        String written = new TokenCipher(oldKey, List.of()).encrypt(TOKEN, "user-1");
        TokenCipher rotated = new TokenCipher(key(), List.of(oldKey));

        assertThat(rotated.decrypt(written, "user-1")).isEqualTo(TOKEN);
        assertThat(rotated.isCurrent(written)).isFalse();
        assertThat(rotated.isCurrent(rotated.encrypt(TOKEN, "user-1"))).isTrue();
    }

    @Test
    void the_embedded_mode_key_is_generated_once_and_kept_owner_only(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve(TokenKeys.FILE_NAME);
        byte[] first = TokenKeys.loadOrCreate(file);
        byte[] again = TokenKeys.loadOrCreate(file);

        assertThat(first).hasSize(32).isEqualTo(again);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
