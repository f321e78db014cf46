package donna.backend.campaigns;

import donna.backend.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ContentType;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * One-click unsubscribe (RFC 8058) for campaign mail, reachable without signing in: {@code POST
 * /api/unsubscribe/{token}} (what a mail client sends for {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click})
 * marks that recipient {@code unsubscribed} and keeps the address out of the owner's later campaigns.
 * {@code GET} only shows a page with a button that posts: link scanners and previews fetch links, and a fetch must
 * not unsubscribe anyone. A token that matches nothing gets the same answer as one that did, so the route tells
 * nobody whether an address was on a list.
 */
public final class UnsubscribeRoutes implements RouteGroup {
    public static final String PREFIX = "/api/unsubscribe/";
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final String DONE = page("You are unsubscribed",
            "You will get no more mail from this list. You can close this page.", "");

    private final Jdbi jdbi;

    UnsubscribeRoutes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PREFIX + "{token}", this::confirmPage);
        routes.post(PREFIX + "{token}", this::unsubscribe);
    }

    private void confirmPage(Context ctx) {
        String token = ctx.pathParam("token");
        html(ctx, page("Unsubscribe", "Stop getting mail from this list?",
                TOKEN.matcher(token).matches() ? "<form method=\"post\" action=\"" + PREFIX + token + "\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>" : ""));
    }

    private void unsubscribe(Context ctx) {
        String token = ctx.pathParam("token");
        if (TOKEN.matcher(token).matches()) {
            jdbi.useTransaction(h -> h.createQuery("""
                            update campaign_recipients r set status = 'unsubscribed', error = null
                            from campaigns c
                            where c.id = r.campaign_id and r.unsubscribe_token = :t
                              and r.status in ('queued', 'sent', 'replied')
                            returning c.user_id, r.email""")
                    .bind("t", token)
                    .map((rs, c) -> new Object[] {rs.getObject(1, java.util.UUID.class), rs.getString(2)})
                    .findOne()
                    .ifPresent(row -> h.createUpdate("""
                                    insert into mail_suppressions (user_id, email, reason)
                                    values (:u, lower(:e), 'unsubscribed') on conflict (user_id, email) do nothing""")
                            .bind("u", row[0]).bind("e", row[1]).execute()));
        }
        html(ctx, DONE);
    }

    private static void html(Context ctx, String page) {
        // A page of its own: no scripts, nothing loaded from anywhere, not framed.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                + "frame-ancestors 'none'");
        ctx.contentType(ContentType.TEXT_HTML).result(page);
    }

    private static String page(String title, String text, String form) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<style>body{font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}</style>"
                + "</head><body><h1>" + title + "</h1><p>" + text + "</p>" + form + "</body></html>";
    }
}
