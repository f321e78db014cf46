package donna.core.oauth;

import java.net.URI;

/** What the browser brought back: the one-time code, and the redirect URI it must be exchanged with. */
public record AuthorizationCode(String code, URI redirectUri) {
    @Override
    public String toString() {
        return "AuthorizationCode[redirectUri=" + redirectUri + "]"; // the code itself stays out of logs
    }
}
