package donna.testkit.clerk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The instance's RSA keys: the newest signs, all are published (as Clerk does during a rotation). */
final class SigningKeys {
    // Replaced whole on rotation, so readers always see a consistent list.
    private volatile List<RSAKey> keys = List.of(generate("ins_" + shortId()));

    static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    RSAKey current() {
        return keys.getFirst();
    }

    synchronized RSAKey rotate(boolean keepOld) {
        RSAKey fresh = generate("ins_" + shortId());
        List<RSAKey> next = new ArrayList<>();
        next.add(fresh);
        if (keepOld) {
            next.addAll(keys);
        }
        keys = List.copyOf(next);
        return fresh;
    }

    /** The public JWKS document. */
    Map<String, Object> jwks() {
        List<JWK> published = new ArrayList<>();
        for (RSAKey key : keys) {
            published.add(key.toPublicJWK());
        }
        return new JWKSet(published).toJSONObject(true);
    }
}
