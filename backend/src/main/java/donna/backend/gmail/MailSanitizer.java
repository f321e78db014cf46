package donna.backend.gmail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes a mail's HTML safe to show: jsoup's relaxed safelist (no scripts, styles, forms, frames or event
 * handlers), and no remote loads at all: the {@code src} of a remote image moves to {@code data-remote-src}, where
 * the app may put it back when the user asks (remote images are how senders track opens). Links stay links, to web
 * pages and mail addresses only ({@code http}, {@code https}, {@code mailto}: no {@code ftp:}, {@code javascript:},
 * {@code data:}, {@code file:}); every attribute kept that holds a URL is held to its schemes, including a
 * {@code data-remote-src} the sender wrote.
 */
public final class MailSanitizer {
    private static final Safelist SAFE = Safelist.relaxed()
            .addAttributes("img", "data-remote-src")
            .addProtocols("img", "data-remote-src", "http", "https")
            .removeProtocols("a", "href", "ftp")
            // Inline (data:) and attached (cid:) images only; removing every protocol would allow any.
            .addProtocols("img", "src", "data", "cid")
            .removeProtocols("img", "src", "http", "https")
            .addAttributes("a", "title");

    private MailSanitizer() {}

    public static String clean(String html) {
        Document dirty = Jsoup.parse(html);
        for (Element img : dirty.select("img[src]")) {
            String src = img.attr("src").strip();
            if (src.regionMatches(true, 0, "http:", 0, 5) || src.regionMatches(true, 0, "https:", 0, 6)
                    || src.startsWith("//")) {
                img.attr("data-remote-src", src.startsWith("//") ? "https:" + src : src).removeAttr("src");
            }
        }
        for (Element img : dirty.select("img[data-remote-src]")) {
            // A sender's own data-remote-src: checked like any other (the safelist drops other schemes).
            String held = img.attr("data-remote-src").strip();
            img.attr("data-remote-src", held.startsWith("//") ? "https:" + held : held);
        }
        Document clean = new Cleaner(SAFE).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        for (Element a : clean.select("a[href]")) {
            a.attr("rel", "noopener noreferrer");
        }
        return clean.body().html();
    }

    /** The text of an HTML body, for mails that have no text part. */
    public static String text(String html) {
        return Jsoup.parse(html).body().wholeText().replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll("\\n\\s*\\n\\s*\\n+", "\n\n").strip();
    }
}
