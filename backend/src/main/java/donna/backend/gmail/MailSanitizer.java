package donna.backend.gmail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes a mail's HTML safe to show: jsoup's relaxed safelist (no scripts, styles, forms, frames or event
 * handlers), and no remote loads at all: the {@code src} of a remote image moves to {@code data-remote-src}, where
 * the app may put it back when the user asks (remote images are how senders track opens). Links stay links.
 */
public final class MailSanitizer {
    private static final Safelist SAFE = Safelist.relaxed()
            .addAttributes("img", "data-remote-src")
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
                img.attr("data-remote-src", src).removeAttr("src");
            }
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
