package donna.app.common;

import donna.core.oauth.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Opens a web page in the person's default browser through the OS's own opener ({@code xdg-open}, {@code open},
 * {@code rundll32}): no AWT, so it works the same from the JavaFX app and from a command line.
 */
public final class SystemBrowser implements Browser {

    @Override
    public void open(URI uri) {
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Only web pages are opened, not " + uri.getScheme() + " links");
        }
        try {
            new ProcessBuilder(command(System.getProperty("os.name", ""), uri.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("No browser could be opened (" + e.getMessage() + ")", e);
        }
    }

    static List<String> command(String osName, String url) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return List.of("rundll32", "url.dll,FileProtocolHandler", url);
        }
        if (os.contains("mac")) {
            return List.of("open", url);
        }
        return List.of("xdg-open", url);
    }
}
