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
import donna.core.insights.MessagePage;
import donna.core.insights.NewApiKey;
import donna.core.insights.Patterns;
import donna.core.insights.SavedView;
import donna.core.insights.Summary;
import donna.core.insights.Trends;
import java.util.List;

/** What the Insights pane needs from the service ({@code /api/v1}). Blocking; ServiceException on failure. */
public interface InsightsService {

    ConversationPage conversations(ConversationFilter filter, int limit, String cursor);

    Conversation conversation(String id);

    MessagePage messages(String conversationId, Long after, int limit);

    List<Failure> failures(String conversationId);

    Failure setFailureStatus(String failureId, String status);

    Summary summary(ConversationFilter filter);

    Trends trends(String bucket, ConversationFilter filter);

    AlertSettings settings();

    /** {@code slackWebhookUrl}: new URL, "" removes it, null keeps the stored one. */
    AlertSettings saveSettings(Integer alertHealthBelow, List<String> kinds, String slackWebhookUrl);

    void sendTestAlert();

    /** Switches the LLM judge on or off; the settings as stored come back. */
    AlertSettings setLlmJudge(boolean on);

    /** What the last weekly pattern-analyze found. */
    Patterns patterns();

    /** Analyses the person's conversations now. */
    Patterns analyzePatterns();

    List<ApiKey> apiKeys();

    NewApiKey createApiKey(String name);

    void revokeApiKey(String id);

    // Saved views and the list's order: defaults so other implementations need not know them.

    /** As {@link #conversations(ConversationFilter, int, String)} in {@code sort}'s order. */
    default ConversationPage conversations(ConversationFilter filter, ConversationSort sort, int limit,
            String cursor) {
        if (sort != null && sort != ConversationSort.RECENT) {
            throw unsupported("Sorting by health");
        }
        return conversations(filter, limit, cursor);
    }

    // Sample conversations, for a person who has none yet to try Insights with.

    default int sampleCount() {
        return 0;
    }

    default int addSamples() {
        throw unsupported("Sample conversations");
    }

    default int removeSamples() {
        throw unsupported("Sample conversations");
    }

    default List<SavedView> savedViews() {
        throw unsupported("Saved views");
    }

    default SavedView createSavedView(String name, ConversationFilter filter, ConversationSort sort) {
        throw unsupported("Saved views");
    }

    default void deleteSavedView(String id) {
        throw unsupported("Saved views");
    }

    private static ServiceException unsupported(String what) {
        return new ServiceException(new ServiceError(0, "unsupported", what + " need a newer service", null));
    }

    /** No service behind it (windows built without one): every call fails with "starting". */
    static InsightsService detached() {
        return (InsightsService) java.lang.reflect.Proxy.newProxyInstance(InsightsService.class.getClassLoader(),
                new Class<?>[] {InsightsService.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "InsightsService.detached()";
                        };
                    }
                    throw new ServiceException(new ServiceError(0, "starting", "DONNA's service is still starting",
                            null));
                });
    }
}
