package donna.backend.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * Fuzzes the mail sanitiser with any HTML a sender can write. Whatever goes in, what comes out (read back as the
 * WebView would) has no script or other active element, no event-handler or style attribute, and every URL it
 * keeps is of an allowed scheme: links {@code http(s)}/{@code mailto}, images inline ({@code data:}/{@code cid:})
 * with remote ones held in {@code data-remote-src} as {@code http(s)} only. Kept inputs:
 * {@code TestMailSanitizerFuzzInputs}.
 */
class TestMailSanitizerFuzz {
    private static final Set<String> ACTIVE = Set.of("script", "style", "iframe", "frame", "frameset", "object",
            "embed", "applet", "form", "input", "button", "textarea", "select", "base", "meta", "link", "svg", "math",
            "template", "video", "audio", "source", "track");
    private static final Map<String, Set<String>> URL_SCHEMES = Map.of(
            "href", Set.of("http", "https", "mailto"),
            "src", Set.of("data", "cid"),
            "data-remote-src", Set.of("http", "https"),
            "cite", Set.of("http", "https"));

    @FuzzTest(maxDuration = "30s")
    void cleanHtmlRunsNoCodeAndLinksOnlyToTheWeb(byte[] input) {
        String clean = MailSanitizer.clean(new String(input, StandardCharsets.UTF_8));

        assertThat(clean.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        for (Element e : Jsoup.parse(clean).body().getAllElements()) {
            assertThat(ACTIVE).as("active element kept: %s", e.tagName()).doesNotContain(e.normalName());
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("event handler kept on <%s>", e.tagName()).doesNotStartWith("on");
                assertThat(name).isNotIn("style", "srcset", "formaction", "action", "background", "poster");
                Set<String> schemes = URL_SCHEMES.get(name);
                if (schemes != null) {
                    assertThat(scheme(a.getValue())).as("%s=\"%s\" on <%s>", name, a.getValue(), e.tagName())
                            .isIn(schemes);
                }
            }
        }
    }

    /** The scheme as a browser would read it: leading spaces and control characters dropped, case folded. */
    private static String scheme(String url) {
        String u = url.replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
        int colon = u.indexOf(':');
        return colon < 0 ? "(relative)" : u.substring(0, colon);
    }
}
