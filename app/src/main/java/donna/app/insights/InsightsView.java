package donna.app.insights;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Insights pane: Overview, Conversations and Settings tabs (Ctrl+Tab moves between them; everything inside is
 * reachable with Tab).
 */
public final class InsightsView extends VBox {

    public InsightsView(InsightsViewModel vm, ZoneId zone) {
        getStyleClass().add("insights-view");
        setSpacing(8);
        setPadding(new Insets(16, 16, 8, 16));
        Label title = new Label("Insights");
        title.getStyleClass().add(Styles.TITLE_3);

        Tab overview = tab("overview", "Overview", new OverviewView(vm.overview(), vm::open, zone));
        Tab conversations = tab("conversations", "Conversations",
                new ConversationsView(vm.conversations(), vm.detail(), zone));
        Tab settings = tab("settings", "Settings", new InsightsSettingsView(vm.settings(), zone));
        TabPane tabs = new TabPane(overview, conversations, settings);
        tabs.setId("insights-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        tabs.getSelectionModel().select(vm.tabProperty().get().ordinal());
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, was, i) ->
                vm.tabProperty().set(InsightsViewModel.Tab.values()[i.intValue()]));
        vm.tabProperty().addListener((o, was, now) -> tabs.getSelectionModel().select(now.ordinal()));
        getChildren().addAll(title, tabs);
    }

    private static Tab tab(String id, String text, javafx.scene.Node content) {
        Tab t = new Tab(text, content);
        t.setId("insights-tab-" + id);
        return t;
    }
}
