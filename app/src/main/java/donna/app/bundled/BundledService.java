package donna.app.bundled;

import donna.backend.CompanionService;
import donna.backend.config.BackendConfig;
import java.net.URI;

/** The one class that calls the backend module's {@link CompanionService}: the bundled service, in-process. */
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
