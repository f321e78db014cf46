package donna.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as an operator starts it: a real child process, its exit code and what it prints. */
class TestStartupErrors {
    @TempDir
    Path workDir;

    private record Outcome(int exit, String stderr) {}

    private Outcome run(Map<String, String> env) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()).directory(workDir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(k -> k.startsWith("API_") || k.startsWith("CLERK_")
                || k.equals("PORT") || k.equals("DATABASE_URL") || k.equals("ALLOWED_ORIGINS"));
        builder.environment().put("DONNA_DATA_DIR", workDir.resolve("data").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), stderr);
    }

    private static void assertOneLineNaming(Outcome outcome, String variable) {
        assertThat(outcome.exit()).isEqualTo(2);
        List<String> lines = outcome.stderr().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("donna-backend: configuration error: " + variable + ": ");
        assertThat(outcome.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_missing_api_secret_exits_2_naming_it() throws Exception {
        assertOneLineNaming(run(Map.of()), "API_SECRET");
    }

    @Test
    void a_malformed_port_exits_2_naming_it() throws Exception {
        assertOneLineNaming(run(Map.of("API_SECRET", "0123456789abcdef0123", "PORT", "http")), "PORT");
    }

    @Test
    void a_bad_value_in_dot_env_is_caught_the_same_way() throws Exception {
        java.nio.file.Files.writeString(workDir.resolve(".env"),
                "API_SECRET=0123456789abcdef0123\nALLOWED_ORIGINS=https://ok.example.com/with/path\n");
        assertOneLineNaming(run(Map.of()), "ALLOWED_ORIGINS");
    }
}
