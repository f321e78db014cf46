package donna.app.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import donna.app.common.SameThreadTaskExecutor;
import donna.core.ServiceError;
import donna.core.api.MemoryEntry;
import donna.core.api.ServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Settings > Memory: listed, edited (text stays text, JSON stays JSON), deleted, failures inline. */
class TestMemoryViewModel {
    private final Map<String, JsonNode> stored = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    private int failNext;
    private final MemoryService service = new MemoryService() {
        @Override
        public List<MemoryEntry> list() {
            calls.add("list");
            fail();
            return stored.entrySet().stream().map(e -> new MemoryEntry(e.getKey(), e.getValue(), Instant.EPOCH))
                    .toList();
        }

        @Override
        public void put(String key, JsonNode value) {
            calls.add("put " + key + "=" + value);
            fail();
            stored.put(key, value);
        }

        @Override
        public void delete(String key) {
            calls.add("delete " + key);
            fail();
            stored.remove(key);
        }

        private void fail() {
            if (failNext > 0) {
                failNext--;
                throw new ServiceException(new ServiceError(0, "unreachable", "down", null));
            }
        }
    };
    private final MemoryViewModel vm = new MemoryViewModel(service, new SameThreadTaskExecutor());

    @Test
    void lists_edits_and_deletes_what_donna_remembers() throws Exception {
        stored.put("sign_off", TextNode.valueOf("Best, Sam"));
        stored.put("clients", new ObjectMapper().readTree("[\"Ann\",\"Bo\"]"));

        vm.refresh();

        assertThat(vm.rows()).extracting(MemoryRow::key).containsExactly("clients", "sign_off");
        MemoryRow clients = vm.rows().get(0);
        MemoryRow signOff = vm.rows().get(1);
        assertThat(clients.valueProperty().get()).isEqualTo("[\"Ann\",\"Bo\"]");
        assertThat(signOff.changedProperty().get()).isFalse();

        signOff.valueProperty().set("Cheers, Sam");
        assertThat(signOff.changedProperty().get()).isTrue();
        vm.save(signOff);
        clients.valueProperty().set("[\"Ann\",\"Bo\",\"Cy\"]");
        vm.save(clients);

        assertThat(stored.get("sign_off")).isEqualTo(TextNode.valueOf("Cheers, Sam"));
        assertThat(stored.get("clients").isArray()).as("JSON stays JSON").isTrue();
        assertThat(stored.get("clients")).hasSize(3);
        assertThat(signOff.changedProperty().get()).isFalse();

        vm.delete(clients);
        assertThat(stored).containsOnlyKeys("sign_off");
        assertThat(vm.rows()).extracting(MemoryRow::key).containsExactly("sign_off");
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void failures_show_inline_and_keep_the_row_as_typed() {
        stored.put("sign_off", TextNode.valueOf("Best, Sam"));
        vm.refresh();
        MemoryRow row = vm.rows().getFirst();
        row.valueProperty().set("Cheers");
        failNext = 1;

        vm.save(row);

        assertThat(vm.errorProperty().get()).startsWith("Could not save \u201csign_off\u201d.").contains("can't be reached");
        assertThat(row.valueProperty().get()).isEqualTo("Cheers");
        assertThat(row.changedProperty().get()).isTrue();
        assertThat(row.busyProperty().get()).isFalse();

        failNext = 1;
        vm.delete(row);
        assertThat(vm.rows()).hasSize(1);
        assertThat(vm.errorProperty().get()).startsWith("Could not delete");

        failNext = 1;
        vm.refresh();
        assertThat(vm.errorProperty().get()).startsWith("Could not load what DONNA remembers.");
        assertThat(vm.rows()).as("the last list stays").hasSize(1);

        vm.refresh();
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void an_empty_memory_says_how_to_fill_it_and_revert_puts_the_saved_value_back() {
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).contains("remembers nothing yet");

        stored.put("tone", TextNode.valueOf("warm"));
        vm.refresh();
        MemoryRow row = vm.rows().getFirst();
        row.valueProperty().set("curt");
        vm.revert(row);
        assertThat(row.valueProperty().get()).isEqualTo("warm");
        assertThat(calls).noneMatch(c -> c.startsWith("put"));
    }
}
