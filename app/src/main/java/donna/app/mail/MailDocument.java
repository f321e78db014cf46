package donna.app.mail;

import donna.core.mail.MailMessage;

/**
 * The page the reader's WebView loads for a message. The service has already sanitised the HTML (no scripts, no
 * event handlers) and moved remote image sources to {@code data-remote-src}; on top of that the page carries a
 * Content-Security-Policy that lets nothing load from the network (no images, styles, fonts or frames) unless the
 * person asked to see images. A message without HTML shows its text, escaped.
 */
final class MailDocument {
    /** The attribute the service moves remote image sources to. */
    static final String REMOTE_SRC = "data-remote-src";

    private static final String STYLE = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "font-size:14px;line-height:1.45;margin:16px;word-wrap:break-word}"
            + "pre{white-space:pre-wrap;font-family:inherit;margin:0}img{max-width:100%}";

    private MailDocument() {}

    static String of(MailMessage m, boolean remoteImages) {
        String images = remoteImages ? "img-src data: cid: https: http:" : "img-src data: cid:";
        String body = m.html() != null && !m.html().isBlank() ? m.html()
                : "<pre>" + escape(m.text() == null ? "" : m.text()) + "</pre>";
        return "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; " + images
                + "; style-src 'unsafe-inline'\">"
                + "<style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }

    /**
     * Whether a held-back image source may be put back when the person asks: web addresses only, whatever an older
     * saved copy (sanitised before the service checked them) or a sender wrote.
     */
    static boolean restorable(String source) {
        if (source == null) {
            return false;
        }
        String s = source.strip();
        return s.regionMatches(true, 0, "https://", 0, 8) || s.regionMatches(true, 0, "http://", 0, 7);
    }

    /** True when the message has images the service held back. */
    static boolean hasRemoteImages(MailMessage m) {
        return m.html() != null && m.html().contains(REMOTE_SRC);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
