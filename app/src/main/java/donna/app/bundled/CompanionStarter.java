package donna.app.bundled;

import donna.backend.config.BackendConfig;

/** Starts the companion service in-process (blocking: embedded Postgres, migrations, HTTP). */
@FunctionalInterface
public interface CompanionStarter {
    RunningCompanion start(BackendConfig config) throws Exception;
}
