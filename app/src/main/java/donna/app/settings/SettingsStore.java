package donna.app.settings;

/** Loads and saves {@link Settings}. Blocking (file I/O). */
public interface SettingsStore {
    Settings load();

    void save(Settings settings);
}
