package donna.core.voice.live;

import java.util.Locale;

/** Which OpenAI voice API DONNA speaks through: the Realtime API (the default) or GPT-Live. */
public enum VoiceEngine {
    REALTIME("realtime"),
    LIVE("live");

    private final String wireName;

    VoiceEngine(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code live} (any case) is Live; anything else, null included, is the default Realtime. */
    public static VoiceEngine parse(String value) {
        return value != null && LIVE.wireName.equals(value.strip().toLowerCase(Locale.ROOT)) ? LIVE : REALTIME;
    }
}
