package donna.app.insights;

import donna.app.common.TaskExecutor;
import donna.core.insights.Conversation;
import java.time.Clock;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Insights pane: Overview, Conversations (with a drill-down) and Settings. Each tab reads the service when it is
 * first shown and the shown tab again each time the pane is shown (DONNA's chats are scored as they happen).
 */
public final class InsightsViewModel {
    /** The pane's tabs. */
    public enum Tab { OVERVIEW, CONVERSATIONS, SETTINGS }

    private final OverviewViewModel overview;
    private final ConversationsViewModel conversations;
    private final ConversationDetailViewModel detail;
    private final InsightsSettingsViewModel settings;
    private final ObjectProperty<Tab> tab = new SimpleObjectProperty<>(Tab.OVERVIEW);

    public InsightsViewModel(InsightsService service, TaskExecutor tasks, Clock clock) {
        this(service, tasks, clock, r -> { });
    }

    /** @param later runs a read again a few seconds later (the overview while added samples are being scored) */
    public InsightsViewModel(InsightsService service, TaskExecutor tasks, Clock clock, Executor later) {
        overview = new OverviewViewModel(service, tasks, clock, later);
        conversations = new ConversationsViewModel(service, tasks);
        detail = new ConversationDetailViewModel(service, tasks);
        settings = new InsightsSettingsViewModel(service, tasks);
        tab.addListener((o, was, now) -> refreshTab(now));
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public ConversationsViewModel conversations() {
        return conversations;
    }

    public ConversationDetailViewModel detail() {
        return detail;
    }

    public InsightsSettingsViewModel settings() {
        return settings;
    }

    public ObjectProperty<Tab> tabProperty() {
        return tab;
    }

    /** The pane was shown: read the tab on screen again. */
    public void shown() {
        refreshTab(tab.get());
    }

    /** Opens a conversation's drill-down on the Conversations tab (a click on one of the worst). */
    public void open(Conversation conversation) {
        if (conversation == null) {
            return;
        }
        tab.set(Tab.CONVERSATIONS);
        detail.open(conversation.id());
    }

    private void refreshTab(Tab now) {
        switch (now) {
            case OVERVIEW -> {
                overview.refresh();
                overview.patterns().refresh();
            }
            case CONVERSATIONS -> conversations.refresh();
            case SETTINGS -> settings.refresh();
        }
    }
}
