package donna.core.voice;

import java.util.Objects;

/**
 * A microphone or a speaker the user can pick.
 *
 * @param id   the platform's identifier (stable across runs where the platform allows)
 * @param name what the user sees
 */
public record AudioDevice(String id, String name) {
    /** The device the operating system picks. */
    public static final AudioDevice SYSTEM_DEFAULT = new AudioDevice("default", "System default");

    public AudioDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** The name: pickers show it as is. */
    @Override
    public String toString() {
        return name;
    }
}
