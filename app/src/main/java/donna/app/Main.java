package donna.app;

import donna.backend.config.UserFolders;
import javafx.application.Application;

/** Entry point of the desktop app. A plain class: launching a JavaFX Application from the class path needs one. */
public final class Main {
    /** Read by {@code logback.xml}: where the log file goes. */
    public static final String LOG_DIR_PROPERTY = "donna.logs.dir";

    private Main() {}

    public static void main(String[] args) {
        UserFolders folders = UserFolders.forThisMachine(System.getenv());
        // Before the first logger exists: logback reads it while it configures itself.
        System.setProperty(LOG_DIR_PROPERTY, folders.logs().toString());
        Application.launch(DonnaApp.class, args);
    }
}
