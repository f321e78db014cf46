package donna.app.bundled;

import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import java.net.URI;

/**
 * The one class that calls the backend module's {@link CompanionService}. Kept out of the compile until the backend
 * branch lands (see app/pom.xml); at the merge, drop that exclusion and use {@code new BundledService()} as the
 * {@link CompanionStarter} in {@code DonnaApp}.
 */
public final class BundledService implements CompanionStarter {

    @Override
    public RunningCompanion start(BackendConfig config) {
        CompanionService service = CompanionService.start(config);
        return new RunningCompanion() {
            @Override
            public URI baseUri() {
                return service.baseUri();
            }

            @Override
            public void close() {
                service.close();
            }
        };
    }
}
