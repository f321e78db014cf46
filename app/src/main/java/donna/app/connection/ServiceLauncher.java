package donna.app.connection;

/** Starts the companion service the app talks to in bundled mode. Blocking: call it off the UI thread. */
public interface ServiceLauncher extends AutoCloseable {

    ServiceEndpoint start() throws Exception;

    /** Stops the service; safe to call when it never started. */
    @Override
    void close();
}
