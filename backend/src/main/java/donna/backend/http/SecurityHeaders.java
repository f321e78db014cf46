package donna.backend.http;

import io.javalin.http.Context;

/** Headers every response carries. The API serves JSON only, so the strictest CSP costs nothing. */
public final class SecurityHeaders {
    private final boolean trustForwardedProto;

    public SecurityHeaders(boolean trustForwardedProto) {
        this.trustForwardedProto = trustForwardedProto;
    }

    public void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("Cross-Origin-Resource-Policy", "same-site");
        ctx.header("Cache-Control", "no-store");
        if (behindTls(ctx)) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    private boolean behindTls(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        return trustForwardedProto && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
