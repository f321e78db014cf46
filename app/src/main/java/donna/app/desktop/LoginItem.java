package donna.app.desktop;

/** Starting DONNA when the user logs in, the way the OS does it. Every method may block (files, {@code reg}). */
public interface LoginItem {
    boolean enabled();

    void enable();

    void disable();

    /** Where the entry lives, for the Settings hint. */
    String location();
}
