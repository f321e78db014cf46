package donna.app;

/** Entry point of the desktop app. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
    }
}
