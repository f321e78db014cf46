package donna.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import donna.audio.pcm.PcmSource;
import donna.audio.webrtc.AudioBackend;
import donna.audio.webrtc.ConnectSteps;
import donna.audio.webrtc.NativeExit;
import donna.audio.webrtc.WebRtcRuntime;
import donna.audio.webrtc.WebRtcTransport;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.TransportListener;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.CallAnswer;
import donna.standins.realtime.WebRtcPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Connect time, DONNA's WebRTC client beside Chromium's, against one answering peer (the fake Realtime API's
 * libwebrtc peer) through one loopback endpoint: this process serves {@code /v1/realtime/calls} (handing the offer
 * to the fake in-process) to both clients, and the page Chromium runs. Each client connects {@code runs} times after
 * a warm-up, in {@code blocks} alternating blocks (DONNA, Chromium, DONNA, ...) so the machine's noise falls on
 * both; the span is the same for both (offer created to event channel open) and split into the same steps.
 *
 * <p>Usage: {@code ./donna bench connect [--runs 15] [--blocks 2] [--chromium /usr/bin/chromium]}
 */
public final class ConnectBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectBench() {}

    /** One connect's figures in milliseconds. */
    record Run(double total, double setLocal, double post, double setRemote, double channelOpen) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        int runs = Integer.parseInt(options.getOrDefault("runs", "15"));
        int blocks = Integer.parseInt(options.getOrDefault("blocks", "2"));
        Path chromium = Path.of(options.getOrDefault("chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.err.println("connect bench: no Chromium at " + chromium + " (apt-get install chromium, or "
                    + "--chromium PATH)");
            System.exit(2);
        }
        try (FakeOpenAi openai = FakeOpenAi.start()) {
            openai.realtime().callsHandler(new WebRtcPeer());
            Endpoint endpoint = new Endpoint(openai);
            WebRtcRuntime runtime = WebRtcRuntime.start(AudioBackend.HEADLESS);
            System.out.printf(Locale.ROOT, "connect bench: %d blocks of %d connects each (+1 warm-up per block) for "
                    + "DONNA and for %s, one endpoint on %s, %d cores%n", blocks, runs, chromiumVersion(chromium),
                    endpoint.base(), Runtime.getRuntime().availableProcessors());
            List<Run> donna = new ArrayList<>();
            List<Run> chrome = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                donna(runtime, endpoint, openai); // warm-up
                for (int i = 0; i < runs; i++) {
                    donna.add(donna(runtime, endpoint, openai));
                }
                chrome.addAll(chromium(chromium, endpoint, runs));
            }
            report("DONNA (webrtc-java)", donna);
            report("Chromium", chrome);
            System.out.printf(Locale.ROOT, "median total: DONNA %.1f ms, Chromium %.1f ms (DONNA %s)%n",
                    median(donna, Run::total), median(chrome, Run::total),
                    median(donna, Run::total) <= median(chrome, Run::total) ? "as fast or faster" : "slower");
            endpoint.close();
        }
        System.out.flush();
        NativeExit.halt(0); // native WebRTC threads cannot be stopped; they would print on a normal exit
    }

    private static Run donna(WebRtcRuntime runtime, Endpoint endpoint, FakeOpenAi openai) {
        String secret = endpoint.mint();
        WebRtcTransport transport = new WebRtcTransport(runtime, PcmSource.silence(), null);
        try {
            transport.connect(new RealtimeConnectRequest(URI.create(endpoint.base()), "gpt-realtime", secret,
                    Duration.ofSeconds(15)), QUIET);
            ConnectSteps s = transport.connectSteps();
            return new Run(s.total(), s.setLocal(), s.post(), s.setRemote(), s.channelOpen());
        } finally {
            transport.close();
        }
    }

    private static List<Run> chromium(Path chromium, Endpoint endpoint, int runs) throws Exception {
        CompletableFuture<JsonNode> results = endpoint.expectResults();
        Path profile = Files.createTempDirectory("donna-connect-bench");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--user-data-dir=" + profile, endpoint.base() + "/?runs=" + runs)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            JsonNode answer = results.get(180, TimeUnit.SECONDS);
            if (!answer.path("ok").asBoolean()) {
                throw new IllegalStateException("Chromium's connects failed: " + answer.path("error").asText());
            }
            List<Run> out = new ArrayList<>();
            for (JsonNode r : answer.path("results")) {
                out.add(new Run(r.path("total").asDouble(), r.path("setLocal").asDouble(), r.path("post").asDouble(),
                        r.path("setRemote").asDouble(), r.path("channelOpen").asDouble()));
            }
            return out;
        } finally {
            browser.destroy();
            browser.waitFor(10, TimeUnit.SECONDS);
            browser.destroyForcibly();
        }
    }

    private static void report(String who, List<Run> runs) {
        System.out.printf(Locale.ROOT, "%-20s n=%d  total median %6.1f ms  p95 %6.1f ms | medians: set-local %.1f, "
                        + "post %.1f, set-remote %.1f, channel-open %.1f ms%n", who, runs.size(),
                median(runs, Run::total), percentile(runs, Run::total, 0.95), median(runs, Run::setLocal),
                median(runs, Run::post), median(runs, Run::setRemote), median(runs, Run::channelOpen));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        return percentile(runs, f, 0.5);
    }

    private static double percentile(List<Run> runs, ToDoubleFunction<Run> f, double p) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[(int) Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
    }

    private static String chromiumVersion(Path chromium) {
        try {
            Process p = new ProcessBuilder(chromium.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            // Debian's wrapper script may print its own noise first: the version is the line naming Chromium.
            return v.lines().filter(l -> l.startsWith("Chromium")).findFirst().orElse("Chromium").strip();
        } catch (IOException | InterruptedException e) {
            return "Chromium";
        }
    }

    private static final TransportListener QUIET = new TransportListener() {
        @Override
        public void onEvent(String eventJson) {
        }

        @Override
        public void onFirstAudioFrame() {
        }

        @Override
        public void onClosed(String reason, boolean failure) {
        }
    };

    /** The one loopback endpoint both clients use: the page, secrets, the calls route (in-process), results. */
    private static final class Endpoint implements AutoCloseable {
        private final HttpServer server;
        private final FakeOpenAi openai;
        private volatile CompletableFuture<JsonNode> results = new CompletableFuture<>();

        Endpoint(FakeOpenAi openai) throws IOException {
            this.openai = openai;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.createContext("/", this::page);
            server.createContext("/secret", ex -> reply(ex, 200, "text/plain", mint(), null));
            server.createContext("/v1/realtime/calls", this::call);
            server.createContext("/results", ex -> {
                results.complete(JSON.readTree(ex.getRequestBody()));
                reply(ex, 204, "text/plain", "", null);
            });
            server.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String mint() {
            return openai.realtime().mint(JSON.createObjectNode()).body().path("value").asText();
        }

        CompletableFuture<JsonNode> expectResults() {
            results = new CompletableFuture<>();
            return results;
        }

        private void page(HttpExchange ex) throws IOException {
            try (InputStream in = ConnectBench.class.getResourceAsStream("connect.html")) {
                reply(ex, 200, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        null);
            }
        }

        private void call(HttpExchange ex) throws IOException {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            String offer = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CallAnswer answer = openai.realtime().call(bearer, ex.getRequestHeaders().getFirst("Content-Type"),
                    offer);
            reply(ex, answer.status(), answer.contentType(), answer.body(), answer.location());
        }

        private static void reply(HttpExchange ex, int status, String type, String body, String location)
                throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            if (location != null) {
                ex.getResponseHeaders().set("Location", location);
            }
            ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
            if (status != 204) {
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
