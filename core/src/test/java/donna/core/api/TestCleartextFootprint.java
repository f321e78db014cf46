package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the idle app pays for its client of the bundled service: no TLS stack, no trust store and none of the JDK's
 * HttpClient (about a thousand classes and 6 MB together) for an {@code http://} base. Checked on the classes a fresh
 * JVM loads ({@link CleartextProbe} under {@code -Xlog:class+load}); the {@code https} run shows the check can see
 * TLS when it is there.
 */
class TestCleartextFootprint {
    /** Built by SSLContext.getDefault() and by OkHttp for a TLS client; the JDK HttpClient's own implementation. */
    private static final List<String> NOT_AT_IDLE = List.of("sun.security.ssl.SSLContextImpl",
            "sun.security.ssl.TrustStoreManager", "jdk.internal.net.http.HttpClientImpl");

    @TempDir
    Path dir;

    @Test
    void aClientOfTheBundledServiceLoadsNoTlsAndNoJdkHttpClient() throws Exception {
        List<String> loaded = loadedClasses("http");

        // Filtered before asserting, so a failure names the culprits, not three thousand classes.
        assertThat(loaded.stream().filter(c -> c.startsWith("okhttp3.internal.http1.")))
                .as("the probe ran its calls through OkHttp").contains("okhttp3.internal.http1.Http1ExchangeCodec");
        assertThat(loaded.stream().filter(c -> NOT_AT_IDLE.contains(c) || c.startsWith("jdk.internal.net.http.")
                || c.startsWith("java.net.http."))).isEmpty();
    }

    @Test
    void aClientOfARemoteServiceHasItsTls() throws Exception {
        assertThat(loadedClasses("https").stream().filter(NOT_AT_IDLE::contains))
                .contains("sun.security.ssl.SSLContextImpl");
    }

    /** The names of the classes a probe JVM loaded. */
    private List<String> loadedClasses(String scheme) throws IOException, InterruptedException {
        Path log = dir.resolve(scheme + "-classes.log");
        Path out = dir.resolve(scheme + "-out.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-Xlog:class+load=info:file=" + log, "-XX:TieredStopAtLevel=1",
                "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider", "-cp",
                System.getProperty("java.class.path"), CleartextProbe.class.getName(), scheme)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("the probe ended").isTrue();
        assertThat(probe.exitValue()).as("the probe's exit; it said: %s", Files.readString(out)).isZero();
        // Lines look like "[0.012s][info][class,load] java.lang.Object source: shared objects file".
        return Files.readAllLines(log).stream().map(l -> l.substring(l.indexOf("] ", l.indexOf("class,load")) + 2))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
    }
}
