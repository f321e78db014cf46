package donna.app.bundled;

import donna.backend.config.BackendConfig;
import donna.standins.google.FakeGoogle;

/**
 * Demo mode's stand-in for Google: {@link FakeGoogle} (consent that agrees at once, a small seeded inbox, Gmail's
 * quota) on loopback, so a newcomer can connect "Gmail", read, draft and send without an account. Nothing leaves
 * the machine. A fresh fake each run: a link made in an earlier run asks to be connected again.
 */
public final class DemoGoogle implements AutoCloseable {
    private FakeGoogle fake;

    /** The service's Google settings pointing at the fake (started on first use). */
    public synchronized BackendConfig.Google config() {
        if (fake == null) {
            fake = FakeGoogle.start().seedDemoInbox();
        }
        return BackendConfig.Google.defaults().withClient(fake.clientId(), fake.clientSecret(), fake.authUrl(),
                fake.tokenUrl(), fake.rootUrl());
    }

    @Override
    public synchronized void close() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }
}
