package donna.testkit.clerk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mints one token with any claims. {@link #sign()} gives a token the real Clerk instance could have issued; the
 * other terminal methods give deliberately bad tokens with the same claims, for security tests.
 */
public final class TokenBuilder {
    private static final Set<String> TIME_CLAIMS = Set.of("exp", "nbf", "iat");

    private final SigningKeys keys;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String kid;
    private String type;

    TokenBuilder(SigningKeys keys, Map<String, Object> defaults, String type) {
        this.keys = keys;
        this.claims.putAll(defaults);
        this.type = type;
    }

    public TokenBuilder subject(String sub) {
        return claim("sub", sub);
    }

    public TokenBuilder email(String email) {
        return claim("email", email);
    }

    public TokenBuilder issuer(String iss) {
        return claim("iss", iss);
    }

    public TokenBuilder azp(String azp) {
        return claim("azp", azp);
    }

    public TokenBuilder sessionId(String sid) {
        return claim("sid", sid);
    }

    public TokenBuilder clientId(String clientId) {
        return claim("client_id", clientId);
    }

    public TokenBuilder scope(String scope) {
        return claim("scope", scope);
    }

    public TokenBuilder audience(String aud) {
        return claim("aud", aud);
    }

    /** Expires this long after now; a negative duration gives an already expired token. */
    public TokenBuilder expiresIn(Duration ttl) {
        return expiresAt(Instant.now().plus(ttl));
    }

    public TokenBuilder expiresAt(Instant exp) {
        return claim("exp", exp);
    }

    public TokenBuilder notBefore(Instant nbf) {
        return claim("nbf", nbf);
    }

    public TokenBuilder issuedAt(Instant iat) {
        return claim("iat", iat);
    }

    /** Any claim; an {@link Instant} value for exp/nbf/iat becomes epoch seconds. */
    public TokenBuilder claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    public TokenBuilder without(String claimName) {
        claims.remove(claimName);
        return this;
    }

    /** The header's {@code kid}; defaults to the signing key's. */
    public TokenBuilder kid(String keyId) {
        this.kid = keyId;
        return this;
    }

    /** The header's {@code typ} (e.g. {@code at+jwt}); null leaves it out. */
    public TokenBuilder type(String typ) {
        this.type = typ;
        return this;
    }

    /** RS256 with the instance's current key: a valid token (if the claims are). */
    public String sign() {
        return signWith(keys.current(), kid == null ? keys.current().getKeyID() : kid);
    }

    /** {@code alg: none}, no signature: must be rejected. */
    public String signAlgNone() {
        return new PlainJWT(claimsSet()).serialize();
    }

    /** HS256 keyed with the public key's PEM text (the classic algorithm-confusion attack): must be rejected. */
    public String signHs256WithPublicKey() {
        try {
            JWSHeader header = header(JWSAlgorithm.HS256, kid == null ? keys.current().getKeyID() : kid);
            SignedJWT jwt = new SignedJWT(header, claimsSet());
            jwt.sign(new MACSigner(publicKeyPem(keys.current()).getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key the JWKS does not publish, under a kid it does not know either: must be rejected. */
    public String signWithUnknownKey() {
        return signWith(SigningKeys.generate("unknown_" + SigningKeys.shortId()), null);
    }

    /** Signed by a foreign key but claiming the instance's kid: the signature check must fail. */
    public String signWithForeignKeySameKid() {
        return signWith(SigningKeys.generate("foreign"), keys.current().getKeyID());
    }

    /** A valid signature over these claims, then the payload swapped for one with {@code sub} changed: must fail. */
    public String signTampered() {
        String[] parts = sign().split("\\.");
        Map<String, Object> forged = new LinkedHashMap<>(claimsSet().toJSONObject());
        forged.put("sub", "user_attacker");
        String payload = Base64URL.encode(JSONObjectUtils.toJSONString(forged).getBytes(StandardCharsets.UTF_8)).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    private String signWith(RSAKey key, String keyId) {
        try {
            SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256, keyId == null ? key.getKeyID() : keyId),
                    claimsSet());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWSHeader header(JWSAlgorithm alg, String keyId) {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).keyID(keyId);
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        return header.build();
    }

    private JWTClaimsSet claimsSet() {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> builder.claim(name,
                TIME_CLAIMS.contains(name) && value instanceof Instant instant ? Date.from(instant) : value));
        return builder.build();
    }

    static String publicKeyPem(RSAKey key) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toRSAPublicKey().getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
