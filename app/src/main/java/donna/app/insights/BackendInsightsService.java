package donna.app.insights;

import donna.app.connection.BackendConnection;
import donna.core.insights.AlertSettings;
import donna.core.insights.ApiKey;
import donna.core.insights.Conversation;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationPage;
import donna.core.insights.ConversationSort;
import donna.core.insights.Failure;
import donna.core.insights.InsightsClient;
import donna.core.insights.MessagePage;
import donna.core.insights.NewApiKey;
import donna.core.insights.Patterns;
import donna.core.insights.SavedView;
import donna.core.insights.Summary;
import donna.core.insights.Trends;
import java.util.List;

/** {@link InsightsService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendInsightsService implements InsightsService {
    private final BackendConnection connection;

    public BackendInsightsService(BackendConnection connection) {
        this.connection = connection;
    }

    private InsightsClient client() {
        return connection.client().insights();
    }

    @Override
    public ConversationPage conversations(ConversationFilter filter, int limit, String cursor) {
        return client().conversations(filter, limit, cursor);
    }

    @Override
    public ConversationPage conversations(ConversationFilter filter, ConversationSort sort, int limit, String cursor) {
        return client().conversations(filter, sort, limit, cursor);
    }

    @Override
    public List<SavedView> savedViews() {
        return client().savedViews();
    }

    @Override
    public SavedView createSavedView(String name, ConversationFilter filter, ConversationSort sort) {
        return client().createSavedView(name, filter, sort);
    }

    @Override
    public void deleteSavedView(String id) {
        client().deleteSavedView(id);
    }

    @Override
    public Conversation conversation(String id) {
        return client().conversation(id);
    }

    @Override
    public MessagePage messages(String conversationId, Long after, int limit) {
        return client().messages(conversationId, after, limit);
    }

    @Override
    public List<Failure> failures(String conversationId) {
        return client().failures(conversationId);
    }

    @Override
    public Failure setFailureStatus(String failureId, String status) {
        return client().setFailureStatus(failureId, status);
    }

    @Override
    public Summary summary(ConversationFilter filter) {
        return client().summary(filter);
    }

    @Override
    public Trends trends(String bucket, ConversationFilter filter) {
        return client().trends(bucket, filter);
    }

    @Override
    public AlertSettings settings() {
        return client().settings();
    }

    @Override
    public AlertSettings saveSettings(Integer alertHealthBelow, List<String> kinds, String slackWebhookUrl) {
        return client().saveSettings(alertHealthBelow, kinds, slackWebhookUrl);
    }

    @Override
    public void sendTestAlert() {
        client().sendTestAlert();
    }

    @Override
    public AlertSettings setLlmJudge(boolean on) {
        return client().setLlmJudge(on);
    }

    @Override
    public int sampleCount() {
        return client().sampleCount();
    }

    @Override
    public int addSamples() {
        return client().addSamples();
    }

    @Override
    public int removeSamples() {
        return client().removeSamples();
    }

    @Override
    public Patterns patterns() {
        return client().patterns();
    }

    @Override
    public Patterns analyzePatterns() {
        return client().analyzePatterns();
    }

    @Override
    public List<ApiKey> apiKeys() {
        return client().apiKeys();
    }

    @Override
    public NewApiKey createApiKey(String name) {
        return client().createApiKey(name);
    }

    @Override
    public void revokeApiKey(String id) {
        client().revokeApiKey(id);
    }
}
