package donna.core.oauth;

import java.net.URI;

/** Opens a URL for the person: the system browser in the app, a printed line for {@code --no-browser}. */
@FunctionalInterface
public interface Browser {
    void open(URI uri);
}
