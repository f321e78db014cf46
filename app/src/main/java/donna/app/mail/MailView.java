package donna.app.mail;

import atlantafx.base.theme.Styles;
import donna.core.oauth.Browser;
import java.time.ZoneId;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Mail pane: the Gmail link on top; inbox and reader (or composer), the outbox, and autopilot in tabs. */
public final class MailView extends BorderPane {

    public MailView(MailPane pane, Browser browser, ZoneId zone) {
        getStyleClass().add("mail-view");
        TabPane tabs = new TabPane();
        tabs.setId("mail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        InboxListView list = new InboxListView(pane.inbox(), zone);
        SplitPane inboxAndReader = new SplitPane(list,
                new StackPane(new ReaderView(pane.reader(), browser, zone), new ComposeView(pane.compose())));
        // A wider window widens the reader, not the list.
        SplitPane.setResizableWithParent(list, false);
        Tab inbox = new Tab("Inbox", inboxAndReader);
        inbox.setId("tab-inbox");
        Tab outbox = new Tab(null, new OutboxView(pane.outbox()));
        outbox.setId("tab-outbox");
        outbox.textProperty().bind(Bindings.when(pane.outbox().waitingProperty().isEqualTo(0)).then("Outbox")
                .otherwise(Bindings.concat("Outbox (", pane.outbox().waitingProperty().asString(), ")")));
        Tab autopilot = new Tab(null, new AutopilotView(pane.autopilot()));
        autopilot.setId("tab-autopilot");
        autopilot.textProperty().bind(Bindings.when(Bindings.isEmpty(pane.autopilot().drafts())).then("Autopilot")
                .otherwise(Bindings.concat("Autopilot (", Bindings.size(pane.autopilot().drafts()).asString(), ")")));
        tabs.getTabs().addAll(inbox, outbox, autopilot);
        // Editing a queued mail (from the outbox tab) happens in the composer, next to the inbox.
        pane.compose().openProperty().addListener((o, was, open) -> {
            if (open) {
                tabs.getSelectionModel().select(inbox);
            }
        });

        setTop(linkBar(pane));
        setCenter(tabs);
    }

    private static VBox linkBar(MailPane pane) {
        MailViewModel link = pane.link();
        Label status = new Label(null, new FontIcon(Feather.MAIL));
        status.setId("mail-status");
        status.textProperty().bind(link.statusTextProperty());

        Button connect = new Button();
        connect.setId("mail-connect");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.textProperty().bind(Bindings.when(link.linkProperty().isEqualTo(MailViewModel.Link.NEEDS_RECONNECT))
                .then("Reconnect Gmail").otherwise("Connect Gmail"));
        ViewParts.shownWhen(connect, link.linkProperty().isNotEqualTo(MailViewModel.Link.CONNECTED)
                .and(link.connectingProperty().not()));
        connect.setOnAction(e -> link.connect());
        Button cancel = new Button("Cancel");
        cancel.setId("mail-cancel-connect");
        ViewParts.shownWhen(cancel, link.connectingProperty());
        cancel.setOnAction(e -> link.cancelConnect());
        Button disconnect = new Button("Disconnect");
        disconnect.setId("mail-disconnect");
        disconnect.getStyleClass().add(Styles.FLAT);
        ViewParts.shownWhen(disconnect, link.linkProperty().isEqualTo(MailViewModel.Link.CONNECTED));
        disconnect.setOnAction(e -> link.disconnect());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button compose = new Button("New mail", new FontIcon(Feather.EDIT));
        compose.setId("mail-compose-new");
        compose.setOnAction(e -> pane.compose().newMail());
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("mail-refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.setOnAction(e -> {
            link.refreshStatus();
            pane.inbox().refresh();
            pane.outbox().reload();
        });
        HBox bar = new HBox(8, status, connect, cancel, disconnect, spacer, compose, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label error = ViewParts.error(link.errorProperty());
        error.setId("mail-link-error");
        error.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));

        VBox top = new VBox(6, bar, error);
        top.getStyleClass().add("mail-link-bar");
        return top;
    }
}
