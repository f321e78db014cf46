package donna.app.bundled;

import java.nio.file.Path;

/** Opens the launcher's package-private secret helper to tests in other packages. */
public final class BundledServiceLauncherAccess {
    private BundledServiceLauncherAccess() {}

    public static String apiSecret(Path dataDir) {
        return BundledServiceLauncher.apiSecret(dataDir);
    }
}
