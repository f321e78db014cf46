package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The reader's HTML: links only to web pages and mail addresses, held-back images only from the web. */
class TestMailSanitizer {
    private static Document clean(String html) {
        return Jsoup.parseBodyFragment(MailSanitizer.clean(html));
    }

    @Test
    void links_keep_only_http_https_and_mailto() {
        Document doc = clean("""
                <a href="https://example.com/a">a</a><a href="http://example.com/b">b</a>
                <a href="mailto:bob@example.com?subject=Hi">c</a><a href="ftp://files.example.com/x">d</a>
                <a href="javascript:alert(1)">e</a><a href="data:text/html,<b>x</b>">f</a>
                <a href="file:///etc/passwd">g</a><a href="tel:+15551234">h</a>
                <a href="JAVASCRIPT:alert(1)">i</a><a href=" javascript:alert(1)">j</a>
                <blockquote cite="ftp://files.example.com/q">q</blockquote>""");

        assertThat(doc.select("a").eachAttr("href")).containsExactly("https://example.com/a",
                "http://example.com/b", "mailto:bob@example.com?subject=Hi");
        assertThat(doc.select("a")).hasSize(10);
        assertThat(doc.select("blockquote[cite]")).isEmpty();
    }

    @Test
    void held_back_image_sources_are_web_addresses_only_whoever_wrote_them() {
        Document doc = clean("""
                <img src="https://t.example.com/p.gif"><img src="//cdn.example.com/i.png">
                <img data-remote-src="javascript:alert(1)"><img data-remote-src="ftp://x.example/i">
                <img data-remote-src="data:image/svg+xml,<svg/>"><img data-remote-src=" http://a.example/i">
                <img src="data:image/png;base64,iVBORw0KGgo=">""");

        assertThat(doc.select("img")).hasSize(7);
        assertThat(doc.select("img").eachAttr("data-remote-src")).containsExactly("https://t.example.com/p.gif",
                "https://cdn.example.com/i.png", "http://a.example/i");
        assertThat(doc.select("img").eachAttr("src")).containsExactly("data:image/png;base64,iVBORw0KGgo=");
    }
}
