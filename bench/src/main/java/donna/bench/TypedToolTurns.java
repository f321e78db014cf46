package donna.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.standins.openai.Endpoint;
import donna.standins.openai.FakeOpenAi;
import donna.standins.openai.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The typed half of {@link ToolsBench}: {@code POST /api/chat} end to end (JSON answer, a new chat per turn)
 * against the fake OpenAI, a plain turn (the model answers text) and a one-tool turn (the model calls
 * {@code search_mail}, then answers text), one after the other so the machine's noise falls on both alike. Also
 * times what the one-tool turn adds by its parts: a round trip of the fake model (the service's own last request to
 * {@code /v1/responses} sent again from here) and the tool's own time ({@code metadata.tool_steps[0].duration_ms},
 * the service's clock).
 */
final class TypedToolTurns {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MESSAGE = "What did Ann write about the contract?";
    static final String ANSWER = "Ann sent three mails about the contract; the latest asks you to sign by Friday.";

    /** One pair of turns and the parts of the tool turn, in nanoseconds (the tool's own time: milliseconds). */
    record Pair(long plainNanos, long toolNanos, long modelNanos, long toolStepMillis) {}

    /** The search the tool turn's model asks for ({@code search_mail}'s default limit is 10). */
    private final String search;

    private final FakeOpenAi openAi;
    private final URI chat;
    private final String user;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int chats;
    /** The service's second model request of the latest tool turn (the one a tool adds). */
    private JsonNode followUp;

    TypedToolTurns(FakeOpenAi openAi, URI service, String user, int searchLimit) {
        this.openAi = openAi;
        this.search = "{\"query\":\"from:ann contract\",\"limit\":" + searchLimit + "}";
        this.chat = service.resolve("/api/chat");
        this.user = user;
    }

    /** A plain turn and a one-tool turn ({@code toolFirst}: in that order), then one fake model round trip. */
    Pair pair(boolean toolFirst) throws IOException, InterruptedException {
        long plain;
        Turn tool;
        if (toolFirst) {
            tool = toolTurn();
            plain = plainTurn();
        } else {
            plain = plainTurn();
            tool = toolTurn();
        }
        long model = modelRoundTrip();
        openAi.forgetRequests();
        return new Pair(plain, tool.nanos(), model, tool.stepMillis());
    }

    private long plainTurn() throws IOException, InterruptedException {
        openAi.replyWith(ANSWER);
        Turn turn = send();
        if (turn.steps().size() != 0) {
            throw new IllegalStateException("a plain turn ran a tool: " + turn.steps());
        }
        return turn.nanos();
    }

    private Turn toolTurn() throws IOException, InterruptedException {
        openAi.reply(Reply.functionCall("search_mail", search)).replyWith(ANSWER);
        Turn turn = send();
        followUp = openAi.requests(Endpoint.RESPONSES).getLast().body();
        JsonNode step = turn.steps().path(0);
        if (turn.steps().size() != 1 || !"search_mail".equals(step.path("name").asText())
                || !"done".equals(step.path("status").asText())) {
            throw new IllegalStateException("the tool turn did not run search_mail once: " + turn.steps());
        }
        return turn;
    }

    private record Turn(long nanos, JsonNode steps, long stepMillis) {}

    private Turn send() throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("message", MESSAGE).put("chat_id", user + "-" + (++chats) + "-"
                + System.nanoTime()).toString();
        HttpRequest request = HttpRequest.newBuilder(chat).header("Authorization", "Bearer " + ServiceProcess.SECRET)
                .header("X-Donna-User", user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - t0;
        JsonNode reply = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !ANSWER.equals(reply.path("reply").asText())) {
            throw new IllegalStateException("a chat turn answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode steps = reply.path("metadata").path("tool_steps");
        return new Turn(nanos, steps, steps.path(0).path("duration_ms").asLong(-1));
    }

    /** The size of the model request a tool adds (its JSON body), in bytes. */
    int followUpBytes() {
        return followUp == null ? 0 : followUp.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * The model request a tool adds (the tool turn's second, carrying the call and its output), sent again from here:
     * one round trip of the fake model on this machine, as a client in this process sees it.
     */
    private long modelRoundTrip() throws IOException, InterruptedException {
        JsonNode last = followUp;
        openAi.replyWith(ANSWER);
        HttpRequest request = HttpRequest.newBuilder(openAi.baseUrl().resolve(Endpoint.RESPONSES.path()))
                .header("Authorization", "Bearer bench-key").header("Content-Type", "application/json")
                .header("Accept", last.path("stream").asBoolean() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(last.toString())).build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - t0;
        if (response.statusCode() != 200 || !response.body().contains("Friday")) {
            throw new IllegalStateException("the fake model answered " + response.statusCode());
        }
        return nanos;
    }
}
