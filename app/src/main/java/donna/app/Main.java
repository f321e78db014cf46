package donna.app;

import javafx.application.Application;

/** Entry point of the desktop app. A plain class: launching a JavaFX Application from the class path needs one. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Application.launch(DonnaApp.class, args);
    }
}
