package donna.core.api;

import donna.core.chat.ChatRequest;
import donna.core.mail.OutgoingMail;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Run by {@link TestCleartextFootprint} in a JVM of its own that logs every class it loads. {@code http}: a client of
 * a loopback stub makes a GET, a POST and a streamed chat; {@code https}: a client of a remote service is only built.
 */
public final class CleartextProbe {
    private CleartextProbe() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("https")) {
            BackendClient.builder(URI.create("https://donna.example.com")).build();
            return;
        }
        try (StubServer stub = new StubServer()) {
            stub.on("GET /api/health", StubServer.Answer.json(200, "{\"success\":true,\"status\":\"ok\"}"));
            stub.on("POST /api/gmail/send", StubServer.Answer.json(200, "{\"success\":true,\"status\":\"sent\"}"));
            stub.on("POST /api/chat", new StubServer.Answer(200, "text/event-stream", "event: delta\ndata: "
                    + "{\"text\":\"Hi\"}\n\nevent: done\ndata: {\"success\":true,\"reply\":\"Hi\",\"metadata\":{}}\n\n",
                    Map.of()));
            BackendClient client = BackendClient.builder(stub.uri()).token(() -> Optional.of("s3cret")).user("local")
                    .build();
            client.health();
            client.send(OutgoingMail.to("ann@example.com", "Hi", "Body"), "key-12345678");
            client.chatStream(new ChatRequest("hi", null, null), d -> { });
        }
    }
}
