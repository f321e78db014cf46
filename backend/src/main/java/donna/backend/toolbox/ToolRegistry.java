package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import donna.backend.actions.ActionService;
import donna.backend.campaigns.CampaignService;
import donna.backend.drafts.DraftStore;
import donna.backend.gmail.DraftService;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.Inbox;
import donna.backend.http.ApiException;
import donna.backend.http.RateLimitedException;
import donna.backend.leads.LeadScans;
import donna.backend.leads.LeadStore;
import donna.backend.memory.MemoryStore;
import donna.backend.today.TakenMessageStore;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolExecutor;
import donna.backend.tools.ToolOutcome;
import donna.backend.tools.ToolSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool DONNA has, in one place: the declarations (name, description, argument schema, whether it has an
 * effect outside DONNA) in {@code tools.json} beside this class, and here the executor of each. The registry
 * refuses to be built when a declared tool has no executor or an executor no declaration, so a tool cannot be
 * half-added. Typed turns, every voice engine and {@code POST /api/tools/call} all run tools through
 * {@link #call}.
 *
 * <p>It lives outside {@code donna.backend.tools} (the seam the chat loop uses) because the tools reach Gmail and
 * drafting, which themselves use chat's language model: in the seam's package that would be a package cycle.
 */
public final class ToolRegistry implements ToolExecutor {
    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);
    /** What the caller must see as such; every other failure inside a tool becomes the call's error output. */
    private static final Set<String> PASSED_ON = Set.of(ActionService.NOT_FROM_USER, ActionService.REQUIRES_CLICK);

    @FunctionalInterface
    interface Executor {
        ToolOutcome run(ToolCallContext context, JsonNode arguments);
    }

    private final List<ToolSpec> specs;
    private final Map<String, ToolSpec> byName = new LinkedHashMap<>();
    private final Map<String, Executor> executors;

    public ToolRegistry(GmailAccess gmail, Inbox inbox, DraftService drafting, DraftStore drafts,
            ActionService actions, MemoryStore memory, Jdbi jdbi, ObjectMapper mapper, LeadStore leads,
            LeadScans leadScans, TakenMessageStore messages, CampaignService campaigns) {
        this(declared(), executors(new MailTools(gmail, inbox, drafting, drafts, mapper),
                new SendTools(actions, mapper), new MemoryTools(memory, mapper), new HistoryTools(jdbi, mapper),
                new LeadTools(leads, leadScans, mapper, Clock.systemDefaultZone()), new MessageTools(messages, mapper),
                new CampaignTools(campaigns, mapper)));
    }

    ToolRegistry(List<ToolSpec> specs, Map<String, Executor> executors) {
        requireComplete(specs, executors.keySet());
        specs.forEach(s -> ArgumentCheck.supported(s.name(), s.parameters()));
        this.specs = List.copyOf(specs);
        this.executors = Map.copyOf(executors);
        specs.forEach(s -> byName.put(s.name(), s));
    }

    private static Map<String, Executor> executors(MailTools mail, SendTools send, MemoryTools memory,
            HistoryTools history, LeadTools leads, MessageTools messages, CampaignTools campaigns) {
        Map<String, Executor> e = new LinkedHashMap<>();
        e.put("search_mail", mail::searchMail);
        e.put("read_mail", mail::readMail);
        e.put("inbox_summary", mail::inboxSummary);
        e.put("draft_reply", mail::draftReply);
        e.put("compose_mail", mail::composeMail);
        e.put("send_draft", send::sendDraft);
        e.put("confirm_action", send::confirmAction);
        e.put("remember", memory::remember);
        e.put("forget", memory::forget);
        e.put("search_history", history::searchHistory);
        e.put("classify_lead", leads::classifyLead);
        e.put("list_leads", leads::listLeads);
        e.put("find_leads_in_inbox", leads::findLeadsInInbox);
        e.put("take_message", messages::takeMessage);
        e.put("start_campaign", campaigns::startCampaign);
        return e;
    }

    /** @throws IllegalStateException naming every declared tool without an executor and every executor without one */
    static void requireComplete(List<ToolSpec> specs, Set<String> executorNames) {
        Set<String> declared = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (ToolSpec s : specs) {
            if (!declared.add(s.name())) {
                problems.add(s.name() + " is declared twice");
            }
            if (!executorNames.contains(s.name())) {
                problems.add(s.name() + " has no executor");
            }
        }
        executorNames.stream().filter(n -> !declared.contains(n)).sorted()
                .forEach(n -> problems.add(n + " has an executor but no declaration"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("tool registry incomplete: " + String.join("; ", problems));
        }
    }

    @Override
    public List<ToolSpec> specs() {
        return specs;
    }

    @Override
    public ToolOutcome call(ToolCallContext context, String name, JsonNode arguments) {
        ToolSpec spec = name == null ? null : byName.get(name);
        if (spec == null) {
            throw new ApiException(404, "unknown_tool", "No tool is called " + (name == null ? "(none)"
                    : MailTools.clip(name.replaceAll("\\p{Cntrl}", "?"), 64)));
        }
        JsonNode args = arguments == null || arguments.isNull() || arguments.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : arguments;
        if (!args.isObject()) {
            throw ApiException.badRequest("invalid_arguments", "arguments must be a JSON object");
        }
        ArgumentCheck.check(spec.parameters(), args);
        try {
            return executors.get(name).run(context, args);
        } catch (RateLimitedException e) {
            return ToolOutcome.error(e.code(), e.getMessage());
        } catch (ApiException e) {
            if (PASSED_ON.contains(e.code())) {
                throw e;
            }
            return ToolOutcome.error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Tool {} failed for user {}", name, context.user().id(), e);
            return ToolOutcome.error("tool_failed", "The tool failed unexpectedly; nothing was done");
        }
    }

    /** The declarations in {@code tools.json}. */
    static List<ToolSpec> declared() {
        try (InputStream in = ToolRegistry.class.getResourceAsStream("tools.json")) {
            if (in == null) {
                throw new IllegalStateException("missing resource tools.json");
            }
            List<ToolSpec> out = new ArrayList<>();
            for (JsonNode t : new ObjectMapper().readTree(in)) {
                out.add(new ToolSpec(t.path("name").asText(), t.path("description").asText(), t.get("parameters"),
                        t.path("confirm_required").asBoolean()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
