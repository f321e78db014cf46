package donna.app.account;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Account section at the top of Settings: signed-in user and sign-out, or the sign-in button. */
public final class AccountView extends VBox {

    public AccountView(AccountViewModel vm) {
        super(8);
        getStyleClass().add("account-view");
        Label heading = new Label("Account");
        heading.getStyleClass().add(Styles.TITLE_4);

        Label user = new Label();
        user.setId("account-user");
        user.textProperty().bind(Bindings.concat("Signed in as ", vm.userProperty()));
        user.visibleProperty().bind(vm.stateProperty().isEqualTo(AccountViewModel.State.SIGNED_IN));
        user.managedProperty().bind(user.visibleProperty());

        Button signIn = new Button("Sign in with your browser", new FontIcon(Feather.LOG_IN));
        signIn.setId("sign-in");
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.setOnAction(e -> vm.signIn());
        show(signIn, vm, AccountViewModel.State.SIGNED_OUT);

        Button cancel = new Button("Cancel");
        cancel.setId("sign-in-cancel");
        cancel.setOnAction(e -> vm.cancel());
        show(cancel, vm, AccountViewModel.State.WAITING_FOR_BROWSER);

        Button signOut = new Button("Sign out", new FontIcon(Feather.LOG_OUT));
        signOut.setId("sign-out");
        signOut.setOnAction(e -> vm.signOut());
        show(signOut, vm, AccountViewModel.State.SIGNED_IN);

        Label message = new Label();
        message.setId("account-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.TEXT_MUTED);
        message.textProperty().bind(vm.messageProperty());

        getChildren().addAll(heading, new HBox(12, user, signIn, cancel, signOut), message);
    }

    private static void show(Button button, AccountViewModel vm, AccountViewModel.State when) {
        button.visibleProperty().bind(vm.stateProperty().isEqualTo(when));
        button.managedProperty().bind(button.visibleProperty());
    }
}
