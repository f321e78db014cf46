package donna.backend.toolbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.ApiException;
import donna.backend.tools.ToolOutcome;
import donna.backend.tools.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestToolRegistry {
    private static final Set<String> ISSUE_TOOLS = Set.of("search_mail", "read_mail", "inbox_summary", "draft_reply",
            "compose_mail", "send_draft", "confirm_action", "remember", "forget", "search_history",
            "classify_lead", "list_leads", "find_leads_in_inbox", "take_message", "start_campaign");

    private static Map<String, ToolRegistry.Executor> executorsFor(List<ToolSpec> specs) {
        Map<String, ToolRegistry.Executor> e = new LinkedHashMap<>();
        specs.forEach(s -> e.put(s.name(), (ctx, args) -> ToolOutcome.ok(args, "ok")));
        return e;
    }

    @Test
    void every_declared_tool_has_an_executor_and_every_executor_a_declaration() {
        List<ToolSpec> declared = ToolRegistry.declared();
        assertThat(declared).extracting(ToolSpec::name).containsExactlyInAnyOrderElementsOf(ISSUE_TOOLS);
        // The real registry's executor table: building it checks both directions.
        new ToolRegistry(null, null, null, null, null, null, null, new ObjectMapper(), null, null, null, null);

        List<ToolSpec> oneMore = new java.util.ArrayList<>(declared);
        oneMore.add(new ToolSpec("delete_everything", "no", declared.getFirst().parameters(), true));
        assertThatThrownBy(() -> new ToolRegistry(oneMore, executorsFor(declared)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delete_everything has no executor");

        Map<String, ToolRegistry.Executor> extra = executorsFor(declared);
        extra.put("ghost", (ctx, args) -> ToolOutcome.ok(args, "ok"));
        assertThatThrownBy(() -> new ToolRegistry(declared, extra))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost has an executor but no declaration");
    }

    @Test
    void schemas_suit_strict_function_calling_and_only_outside_effects_need_confirmation() {
        for (ToolSpec spec : ToolRegistry.declared()) {
            JsonNode p = spec.parameters();
            assertThat(p.path("type").asText()).as(spec.name()).isEqualTo("object");
            assertThat(p.path("additionalProperties").asBoolean(true)).as(spec.name()).isFalse();
            Set<String> properties = iterable(p.path("properties").fieldNames());
            Set<String> required = p.path("required").valueStream().map(JsonNode::asText).collect(Collectors.toSet());
            assertThat(required).as("strict mode: every property required, optional ones nullable")
                    .isEqualTo(properties);
            assertThat(spec.description()).isNotBlank();
        }
        assertThat(ToolRegistry.declared()).filteredOn(ToolSpec::confirmRequired).extracting(ToolSpec::name)
                .containsExactlyInAnyOrder("send_draft", "confirm_action");
    }

    @Test
    void a_schema_keyword_the_check_does_not_know_is_refused_when_the_registry_is_built() throws Exception {
        JsonNode schema = new ObjectMapper().readTree("""
                {"type":"object","properties":{"to":{"type":"string","format":"email"}},"required":["to"],
                 "additionalProperties":false}""");
        List<ToolSpec> specs = List.of(new ToolSpec("x", "x", schema, false));
        assertThatThrownBy(() -> new ToolRegistry(specs, executorsFor(specs)))
                .hasMessageContaining("format is not checked");
    }

    @Test
    void arguments_are_checked_against_the_schema_naming_the_field() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode search = ToolRegistry.declared().stream().filter(s -> s.name().equals("search_mail")).findFirst()
                .orElseThrow().parameters();
        ArgumentCheck.check(search, json.readTree("{\"query\":\"from:ann\",\"limit\":null}"));
        ArgumentCheck.check(search, json.readTree("{\"query\":\"from:ann\",\"limit\":5}"));
        Map<String, String> bad = Map.of(
                "{\"limit\":5}", "arguments.query is required",
                "{\"query\":7,\"limit\":5}", "arguments.query must be string",
                "{\"query\":\"\",\"limit\":5}", "arguments.query must be at least 1 characters",
                "{\"query\":\"a\",\"limit\":26}", "arguments.limit must be at most 25",
                "{\"query\":\"a\",\"limit\":2.5}", "arguments.limit must be integer or null",
                "{\"query\":\"a\",\"limit\":1,\"to\":\"x\"}", "arguments.to is not a parameter of this tool");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            assertThatThrownBy(() -> ArgumentCheck.check(search, json.readTree(b.getKey()))).as(b.getKey())
                    .isInstanceOf(ApiException.class).hasMessage(b.getValue())
                    .extracting(e -> ((ApiException) e).code()).isEqualTo("invalid_arguments");
        }
    }

    private static Set<String> iterable(java.util.Iterator<String> it) {
        Set<String> out = new java.util.HashSet<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
