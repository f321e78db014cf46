package donna.app.insights;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.insights.AlertSettings;
import donna.core.insights.ApiKey;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationPage;
import donna.core.insights.ConversationSort;
import donna.core.insights.Failure;
import donna.core.insights.FailureCount;
import donna.core.insights.HealthBreakdown;
import donna.core.insights.Message;
import donna.core.insights.MessagePage;
import donna.core.insights.NewApiKey;
import donna.core.insights.Patterns;
import donna.core.insights.SavedView;
import donna.core.insights.Summary;
import donna.core.insights.TrendPoint;
import donna.core.insights.Trends;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An Insights service in memory, filtering as the real one does; {@code calls} records what was asked. */
final class FakeInsightsService implements InsightsService {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Conversation> conversations = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<Failure> failures = new CopyOnWriteArrayList<>();
    final List<ApiKey> keys = new CopyOnWriteArrayList<>();
    final List<SavedView> views = new CopyOnWriteArrayList<>();
    AlertSettings settings = new AlertSettings(null, List.of(), false, null);
    RuntimeException failNext;
    Patterns patterns = Patterns.none();
    /** What "Analyse now" finds. */
    Patterns analyzed = Patterns.none();
    /** Every patterns read fails with this (an older service); null: none. */
    RuntimeException patternsFailure;
    boolean testAlertRoute = true;
    int pageSize = Integer.MAX_VALUE;
    /** When added samples start; they come unscored (the test scores them with {@link #scoreSamples}). */
    Instant samplesAt = Instant.parse("2026-12-07T08:00:00Z");

    FakeInsightsService add(String id, String source, Instant started, Integer health, int failureCount) {
        conversations.add(new Conversation(id, source + ":" + id, source, null, started, started, null, 2, health,
                health == null ? null : started, failureCount, health == null ? null : new HealthBreakdown(100,
                        failureCount > 0 ? Map.of("tool_failure", 100 - health) : Map.of(), 0,
                        Map.of("messages", "2"), false)));
        return this;
    }

    FakeInsightsService failure(String id, String conversationId, String kind) {
        failures.add(new Failure(id, conversationId, kind, "medium", null, kind + " here", Failure.OPEN,
                Instant.parse("2026-12-06T10:00:00Z")));
        return this;
    }

    @Override
    public int sampleCount() {
        return (int) conversations.stream().filter(c -> c.externalId().startsWith("api:sample")).count();
    }

    @Override
    public int addSamples() {
        maybeFail("add samples");
        removeSamples();
        for (int i = 1; i <= 3; i++) {
            add("sample" + i, "api", samplesAt.plusSeconds(i), null, 0);
        }
        return 3;
    }

    @Override
    public int removeSamples() {
        int before = conversations.size();
        conversations.removeIf(c -> c.externalId().startsWith("api:sample"));
        return before - conversations.size();
    }

    /** The service's pipeline, done: every sample gets a health. */
    void scoreSamples(int health) {
        List<Conversation> samples = conversations.stream().filter(c -> c.externalId().startsWith("api:sample"))
                .toList();
        conversations.removeAll(samples);
        samples.forEach(c -> add(c.id(), "api", c.startedAt(), health, 0));
    }

    private void maybeFail(String call) {
        calls.add(call);
        if (failNext != null) {
            RuntimeException e = failNext;
            failNext = null;
            throw e;
        }
    }

    static ServiceException unreachable() {
        return new ServiceException(new ServiceError(0, "unreachable", "down", null));
    }

    private List<Conversation> matching(ConversationFilter f) {
        return conversations.stream()
                .filter(c -> f.from() == null || !c.startedAt().isBefore(f.from()))
                .filter(c -> f.to() == null || c.startedAt().isBefore(f.to()))
                .filter(c -> f.source() == null || f.source().equals(c.source()))
                .filter(c -> f.healthMin() == null || c.healthScore() != null && c.healthScore() >= f.healthMin())
                .filter(c -> f.healthMax() == null || c.healthScore() != null && c.healthScore() <= f.healthMax())
                .filter(c -> f.hasFailures() == null || f.hasFailures() == c.failureCount() > 0)
                .filter(c -> f.q() == null || c.externalId().contains(f.q()))
                .sorted(Comparator.comparing(Conversation::startedAt).reversed()).toList();
    }

    @Override
    public ConversationPage conversations(ConversationFilter filter, int limit, String cursor) {
        maybeFail("list " + filter + " cursor=" + cursor);
        List<Conversation> all = matching(filter);
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int n = Math.min(limit, pageSize);
        int to = Math.min(all.size(), from + n);
        return new ConversationPage(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    /** As the service sorts: by health (unscored last), newest first among equals. */
    @Override
    public ConversationPage conversations(ConversationFilter filter, ConversationSort sort, int limit,
            String cursor) {
        maybeFail("list " + filter + " sort=" + sort + " cursor=" + cursor);
        Comparator<Conversation> newest = Comparator.comparing(Conversation::startedAt).reversed();
        Comparator<Conversation> order = switch (sort) {
            case RECENT -> newest;
            case HEALTH_ASC -> Comparator.comparing((Conversation c) -> c.healthScore() == null ? 101
                    : c.healthScore()).thenComparing(newest);
            case HEALTH_DESC -> Comparator.comparing((Conversation c) -> c.healthScore() == null ? -1
                    : c.healthScore()).reversed().thenComparing(newest);
        };
        List<Conversation> all = matching(filter).stream().sorted(order).toList();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + Math.min(limit, pageSize));
        return new ConversationPage(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public List<SavedView> savedViews() {
        maybeFail("views");
        return List.copyOf(views);
    }

    @Override
    public SavedView createSavedView(String name, ConversationFilter filter, ConversationSort sort) {
        maybeFail("create view " + name + " " + filter + " " + sort);
        if (views.stream().anyMatch(v -> v.name().equalsIgnoreCase(name))) {
            throw new ServiceException(new ServiceError(409, "name_taken", "name: taken", null));
        }
        SavedView view = new SavedView("v" + (views.size() + 1), name, filter, sort, Instant.now(), Instant.now());
        views.add(view);
        return view;
    }

    @Override
    public void deleteSavedView(String id) {
        maybeFail("delete view " + id);
        if (!views.removeIf(v -> v.id().equals(id))) {
            throw new ServiceException(new ServiceError(404, "not_found", "No such saved view", null));
        }
    }

    @Override
    public Conversation conversation(String id) {
        maybeFail("one " + id);
        return conversations.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new ServiceException(new ServiceError(404, "not_found", "No such conversation",
                        null)));
    }

    @Override
    public MessagePage messages(String conversationId, Long after, int limit) {
        maybeFail("messages " + conversationId + " after=" + after);
        return new MessagePage(messages.stream().filter(m -> after == null || m.id() > after).limit(limit).toList(),
                null);
    }

    @Override
    public List<Failure> failures(String conversationId) {
        maybeFail("failures " + conversationId);
        return failures.stream().filter(f -> f.conversationId().equals(conversationId)).toList();
    }

    @Override
    public Failure setFailureStatus(String failureId, String status) {
        maybeFail("status " + failureId + " " + status);
        for (int i = 0; i < failures.size(); i++) {
            Failure f = failures.get(i);
            if (f.id().equals(failureId)) {
                Failure stored = new Failure(f.id(), f.conversationId(), f.kind(), f.severity(), f.messageId(),
                        f.detail(), status, f.occurredAt());
                failures.set(i, stored);
                return stored;
            }
        }
        throw new ServiceException(new ServiceError(404, "not_found", "No such failure", null));
    }

    @Override
    public Summary summary(ConversationFilter filter) {
        maybeFail("summary " + filter);
        List<Conversation> all = matching(filter);
        List<Conversation> scored = all.stream().filter(c -> c.healthScore() != null).toList();
        long with = all.stream().filter(c -> c.failureCount() > 0).count();
        return new Summary(all.size(), scored.size(), scored.isEmpty() ? null
                : scored.stream().mapToInt(Conversation::healthScore).average().orElse(0),
                (int) failures.stream().filter(f -> Failure.OPEN.equals(f.status())).count(), (int) with,
                all.isEmpty() ? 0 : (double) with / all.size());
    }

    @Override
    public Trends trends(String bucket, ConversationFilter filter) {
        maybeFail("trends " + bucket + " " + filter);
        List<TrendPoint> health = new ArrayList<>();
        matching(filter).stream().filter(c -> c.healthScore() != null).sorted(Comparator.comparing(
                Conversation::startedAt)).forEach(c -> health.add(new TrendPoint(c.startedAt(),
                        (double) c.healthScore(), 1)));
        List<FailureCount> counts = failures.stream().map(f -> new FailureCount(f.occurredAt(), f.kind(), 1))
                .toList();
        return new Trends(bucket, filter.from(), filter.to(), health, counts);
    }

    @Override
    public AlertSettings settings() {
        maybeFail("settings");
        return settings;
    }

    @Override
    public AlertSettings saveSettings(Integer alertHealthBelow, List<String> kinds, String slackWebhookUrl) {
        maybeFail("save " + alertHealthBelow + " " + kinds + " " + slackWebhookUrl);
        boolean configured = slackWebhookUrl == null ? settings.slackWebhookConfigured() : !slackWebhookUrl.isEmpty();
        String masked = slackWebhookUrl == null ? settings.slackWebhookMasked() : slackWebhookUrl.isEmpty() ? null
                : "hooks.slack.com/..." + slackWebhookUrl.substring(slackWebhookUrl.length() - 4);
        settings = new AlertSettings(alertHealthBelow, kinds, configured, masked, settings.llmJudgeEnabled());
        return settings;
    }

    @Override
    public AlertSettings setLlmJudge(boolean on) {
        maybeFail("judge " + on);
        settings = new AlertSettings(settings.alertHealthBelow(), settings.alertOnFailureKinds(),
                settings.slackWebhookConfigured(), settings.slackWebhookMasked(), on);
        return settings;
    }

    @Override
    public Patterns patterns() {
        maybeFail("patterns");
        if (patternsFailure != null) {
            throw patternsFailure;
        }
        return patterns;
    }

    @Override
    public Patterns analyzePatterns() {
        maybeFail("analyze");
        patterns = analyzed;
        return patterns;
    }

    @Override
    public void sendTestAlert() {
        maybeFail("test-alert");
        if (!testAlertRoute) {
            throw new ServiceException(new ServiceError(404, donna.core.insights.InsightsClient.NO_TEST_ALERT,
                    "Test alerts need a newer service", null));
        }
    }

    @Override
    public List<ApiKey> apiKeys() {
        maybeFail("keys");
        return List.copyOf(keys);
    }

    @Override
    public NewApiKey createApiKey(String name) {
        maybeFail("create " + name);
        ApiKey key = new ApiKey("k" + (keys.size() + 1), name, "dk_abc" + keys.size(), Instant.now(), null);
        keys.add(key);
        return new NewApiKey(key, key.prefix() + "_secret");
    }

    @Override
    public void revokeApiKey(String id) {
        maybeFail("revoke " + id);
        keys.removeIf(k -> k.id().equals(id));
    }
}
