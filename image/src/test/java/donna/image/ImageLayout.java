package donna.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image tar that {@code jib:buildTar} wrote (Docker's format, as {@code docker load} reads it: manifest.json,
 * the config, gzip layers), unpacked the way a container runtime would: every layer in order into one root folder.
 */
record ImageLayout(JsonNode config, Path root) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ImageLayout unpack(Path tar, Path work) throws IOException, InterruptedException {
        Path layout = Files.createDirectories(work.resolve("layout"));
        run(List.of("tar", "-xf", tar.toString(), "-C", layout.toString()));
        JsonNode manifest = JSON.readTree(layout.resolve("manifest.json").toFile()).path(0);
        JsonNode config = JSON.readTree(layout.resolve(manifest.path("Config").asText()).toFile());
        Path root = Files.createDirectories(work.resolve("root"));
        for (JsonNode layer : manifest.path("Layers")) {
            // --same-permissions: the modes Jib wrote (755 for the runtime and the libraries, 777 for /tmp) matter.
            run(List.of("tar", "--warning=no-unknown-keyword", "--same-permissions", "-xzf",
                    layout.resolve(layer.asText()).toString(), "-C", root.toString()));
        }
        return new ImageLayout(config.path("config"), root);
    }

    List<String> entrypoint() {
        List<String> args = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> args.add(a.asText()));
        return args;
    }

    List<String> env() {
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        return env;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
