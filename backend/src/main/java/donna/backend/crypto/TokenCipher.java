package donna.backend.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (Gmail refresh tokens) with AES-256-GCM: a fresh random 12-byte nonce per write, the
 * 128-bit tag, and the row's owner as associated data, so a ciphertext copied to another user's row does not
 * decrypt. Stored form: {@code v1:<key id>:<base64url(nonce | ciphertext | tag)>}. The key id (from a hash of
 * the key, never the key) says which key wrote a value, so keys can be rotated: values written with a previous
 * key still decrypt, and {@link #isCurrent} tells the caller to write them again under the current one.
 * Thread-safe.
 */
public final class TokenCipher {
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(String id, SecretKeySpec spec) {}

    private final Key current;
    private final Map<String, Key> keys = new LinkedHashMap<>();

    /** @param currentKey 32 bytes; @param previousKeys older keys, read only */
    public TokenCipher(byte[] currentKey, List<byte[]> previousKeys) {
        this.current = key(currentKey);
        keys.put(current.id(), current);
        for (byte[] old : previousKeys) {
            Key k = key(old);
            keys.putIfAbsent(k.id(), k);
        }
    }

    /** The stored form of {@code plaintext}, bound to {@code owner} (e.g. the user id). */
    public String encrypt(String plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + current.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plaintext of a stored value.
     *
     * @throws UndecryptableException a key this service does not have, a different owner, or a tampered value
     */
    public String decrypt(String stored, String owner) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UndecryptableException("not an encrypted token");
        }
        Key key = keys.get(parts[1]);
        if (key == null) {
            throw new UndecryptableException("encrypted with key " + parts[1] + ", which this service does not have");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length <= NONCE_BYTES) {
                throw new UndecryptableException("truncated token");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UndecryptableException("the token does not decrypt (tampered, or another owner's)");
        }
    }

    /** True when the value was written with the current key (false: write it again after a rotation). */
    public boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(VERSION + ":" + current.id() + ":");
    }

    /** The id of the current key, as it appears in stored values. */
    public String currentKeyId() {
        return current.id();
    }

    private static Key key(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(bytes.length + 9)
                    .put("donna-kid".getBytes(StandardCharsets.US_ASCII)).put(bytes).array());
            return new Key(HexFormat.of().formatHex(digest, 0, 4), new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored value could not be decrypted; the message names no secret. */
    public static final class UndecryptableException extends RuntimeException {
        public UndecryptableException(String message) {
            super(message, null, false, false);
        }
    }
}
