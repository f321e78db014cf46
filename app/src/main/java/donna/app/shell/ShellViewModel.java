package donna.app.shell;

import donna.app.connection.ServiceConnector;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;

/** The main window: which pane shows, the status line, and the demo banner. */
public final class ShellViewModel implements ServiceConnector.Listener {

    /** How the status line is coloured. */
    public enum StatusKind { PENDING, OK, ERROR }

    /** Keys the status line lists: the composer's only where the composer is; Ctrl+N works from every pane. */
    private static final String CHAT_HINTS = "Enter sends \u00b7 Shift+Enter new line \u00b7 Ctrl+N new chat";
    private static final String OTHER_HINTS = "Ctrl+N new chat";

    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.CHAT);
    private final StringBinding hints = Bindings.createStringBinding(
            () -> page.get() == Page.CHAT ? CHAT_HINTS : OTHER_HINTS, page);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("starting service...");
    private final ReadOnlyObjectWrapper<StatusKind> statusKind = new ReadOnlyObjectWrapper<>(StatusKind.PENDING);
    private final ReadOnlyBooleanWrapper demo;

    public ShellViewModel(boolean demo) {
        this.demo = new ReadOnlyBooleanWrapper(demo);
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ObservableStringValue hintsProperty() {
        return hints;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusKind> statusKindProperty() {
        return statusKind.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public String demoText() {
        return "Demo mode: DONNA's replies (and Gmail, unless GOOGLE_CLIENT_ID is set) are simulated because no "
                + "OpenAI key is set. Add your key in Settings, then restart DONNA.";
    }

    // ---- Commands

    public void show(Page target) {
        page.set(target);
    }

    @Override
    public void starting(String text) {
        status.set(text);
        statusKind.set(StatusKind.PENDING);
    }

    @Override
    public void connected(String text) {
        status.set(text);
        statusKind.set(StatusKind.OK);
    }

    @Override
    public void failed(String text) {
        status.set(text);
        statusKind.set(StatusKind.ERROR);
    }
}
