package donna.app.shell;

/** The panes of the left navigation, in order. */
public enum Page {
    CHAT("Chat"), VOICE("Voice"), TODAY("Today"), MAIL("Mail"), SALES("Sales"), MARKETING("Marketing"), INSIGHTS("Insights"), SETTINGS("Settings");

    private final String title;

    Page(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
