package donna.core.chat;

import java.util.Locale;

/** The persona DONNA answers with; the wire form is the lower-case name. */
public enum Profile {
    GENERAL, SALES, RECEPTIONIST, MARKETING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Unknown or missing names fall back to GENERAL: a newer service may add profiles this app does not know. */
    public static Profile fromWire(String value) {
        if (value == null) {
            return GENERAL;
        }
        for (Profile p : values()) {
            if (p.wireName().equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        return GENERAL;
    }
}
