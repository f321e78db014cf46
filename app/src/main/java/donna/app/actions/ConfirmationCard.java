package donna.app.actions;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A send waiting for the person's yes: who it goes to (an address never written to before marked "new address"), the
 * subject and the text; Send / Cancel; then the outbox's status.
 */
final class ConfirmationCard extends VBox {

    ConfirmationCard(ConfirmationCardViewModel vm) {
        CardParts.frame(this, "confirmation-card", vm);
        HBox heading = CardParts.heading(Feather.SEND, "Send this mail?");

        VBox lines = new VBox(4, recipients("To", vm.to()));
        if (!vm.cc().isEmpty()) {
            lines.getChildren().add(recipients("Cc", vm.cc()));
        }
        Label subject = new Label(vm.subject().isBlank() ? "(no subject)" : vm.subject());
        subject.getStyleClass().addAll(Styles.TEXT_BOLD, "confirmation-subject");
        subject.setWrapText(true);
        Label body = new Label(vm.body());
        body.getStyleClass().add("confirmation-body");
        body.setWrapText(true);
        getChildren().addAll(heading, lines, subject, body);

        if (vm.hasNewAddress()) {
            Label warning = new Label("You have not written to a marked address before. Check it is the right one: "
                    + "only your click can send to it.", new FontIcon(Feather.ALERT_TRIANGLE));
            warning.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL, "new-address-warning");
            warning.setWrapText(true);
            warning.visibleProperty().bind(vm.stateProperty().isEqualTo(CardState.OPEN));
            warning.managedProperty().bind(warning.visibleProperty());
            getChildren().add(warning);
        }

        Button send = CardParts.button("Send", Feather.SEND, "card-send", Styles.ACCENT);
        send.disableProperty().bind(vm.stateProperty().isNotEqualTo(CardState.OPEN));
        send.visibleProperty().bind(vm.stateProperty().isEqualTo(CardState.OPEN)
                .or(vm.stateProperty().isEqualTo(CardState.WORKING)));
        send.setOnAction(e -> vm.send());
        Button cancel = CardParts.button("Cancel", Feather.X, "card-cancel", Styles.FLAT);
        cancel.visibleProperty().bind(vm.stateProperty().isEqualTo(CardState.OPEN));
        cancel.setOnAction(e -> vm.cancel());
        Label keys = new Label("Ctrl+Enter sends");
        keys.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        keys.visibleProperty().bind(vm.stateProperty().isEqualTo(CardState.OPEN));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, send, cancel, gap, keys);
        buttons.setAlignment(Pos.CENTER_LEFT);
        // Once sent (or discarded, cancelled) the row of buttons goes; the status line takes its place.
        buttons.visibleProperty().bind(send.visibleProperty().or(keys.visibleProperty()));
        buttons.managedProperty().bind(buttons.visibleProperty());
        getChildren().addAll(buttons, CardParts.status(vm), CardParts.error(vm));
    }

    private static Node recipients(String field, List<ConfirmationCardViewModel.Recipient> list) {
        Label name = new Label(field);
        name.getStyleClass().add(Styles.TEXT_MUTED);
        name.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane addresses = new FlowPane(6, 4);
        for (ConfirmationCardViewModel.Recipient r : list) {
            Label address = new Label(r.address());
            address.getStyleClass().add("recipient");
            if (r.isNew()) {
                Label badge = new Label("new address");
                badge.getStyleClass().addAll("new-address", Styles.TEXT_SMALL);
                HBox both = new HBox(4, address, badge);
                both.setAlignment(Pos.CENTER_LEFT);
                addresses.getChildren().add(both);
            } else {
                addresses.getChildren().add(address);
            }
        }
        HBox.setHgrow(addresses, Priority.ALWAYS);
        HBox row = new HBox(8, name, addresses);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }
}
