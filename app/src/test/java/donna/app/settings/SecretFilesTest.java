package donna.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import donna.app.bundled.BundledServiceLauncherAccess;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void theKeyFallsBackToAnOwnerOnlyFileWhereThereIsNoKeyring() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        SecretStore store = KeyringSecretStore.open("donna-test-key", dir.resolve("openai-key"));
        assumeTrue(store.description().contains("file"), "a real keyring is present here");

        store.put("sk-test-0123456789abcdefghij");

        assertThat(store.get()).contains("sk-test-0123456789abcdefghij");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("openai-key"))))
                .isEqualTo("rw-------");
        store.delete();
        assertThat(store.get()).isEmpty();
    }

    @Test
    void theApiSecretIsMadeOnceAndKeptPrivate() throws Exception {
        String first = BundledServiceLauncherAccess.apiSecret(dir);
        String second = BundledServiceLauncherAccess.apiSecret(dir);

        assertThat(first).hasSizeGreaterThanOrEqualTo(40).isEqualTo(second);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api-secret"))))
                    .isEqualTo("rw-------");
        }
    }
}
