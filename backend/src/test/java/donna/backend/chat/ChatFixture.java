package donna.backend.chat;

import donna.backend.config.BackendConfig;
import donna.backend.support.Http;
import donna.backend.support.TestService;
import donna.backend.tools.ToolExecutor;
import donna.standins.openai.FakeOpenAi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A service whose OpenAI is the testkit's fake, and helpers to talk to its chat routes as a given user. */
final class ChatFixture implements AutoCloseable {
    final FakeOpenAi openAi = FakeOpenAi.start();
    final TestService service;

    ChatFixture(Path dir) {
        this(dir, UnaryOperator.identity());
    }

    /** A service whose typed turns run these tools. */
    ChatFixture(Path dir, UnaryOperator<ToolExecutor> tools) {
        service = TestService.start(dir, c -> c.withOpenAi(new BackendConfig.OpenAi(Optional.of("sk-test-key"),
                openAi.baseUrl(), "gpt-test", "gpt-realtime-test", Duration.ofSeconds(4))), List.of(), tools);
    }

    Http http() {
        return service.http();
    }

    Http.Response chat(String user, String json) {
        return http().post("/api/chat", json, TestService.internalAs(user));
    }

    Http.Response get(String user, String path) {
        return http().get(path, TestService.internalAs(user));
    }

    int count(String sql) {
        return service.service().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    /** A server-sent event as the stream carried it. */
    record Event(String name, String data) {}

    static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (name != null) {
                events.add(new Event(name, data.toString()));
            }
        }
        return events;
    }

    @Override
    public void close() {
        service.close();
        openAi.close();
    }
}
