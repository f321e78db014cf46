package donna.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser((e, d) -> events.add(e + "|" + d));

    private void feed(String text) {
        text.lines().forEach(parser::line);
        parser.end();
    }

    @Test
    void joinsMultiLineDataWithNewlines() {
        feed("event: delta\ndata: first\ndata: second\n\n");
        assertThat(events).containsExactly("delta|first\nsecond");
    }

    @Test
    void ignoresCommentsAndUnknownFieldsAndStripsOneSpace() {
        feed(": keep-alive\nid: 7\nevent:done\ndata:  two spaces\n\n");
        assertThat(events).containsExactly("done| two spaces");
    }

    @Test
    void unnamedEventsAreMessagesAndCarriageReturnsAreDropped() {
        feed("data: x\r\n\r\nevent: delta\r\ndata: y\r\n\r\n");
        assertThat(events).containsExactly("message|x", "delta|y");
    }

    @Test
    void aLastEventWithoutBlankLineStillCounts() {
        feed("event: done\ndata: {}");
        assertThat(events).containsExactly("done|{}");
    }

    @Test
    void eventWithoutDataIsNotDispatched() {
        feed("event: delta\n\n");
        assertThat(events).isEmpty();
    }
}
