package donna.app.bundled;

import java.net.URI;

/** A companion service started in this process. */
public interface RunningCompanion extends AutoCloseable {
    URI baseUri();

    @Override
    void close();
}
