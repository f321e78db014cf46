package donna.backend.chat;

import donna.backend.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** DONNA's personas. Their instructions are resource texts (profiles/*.md), not literals in code. */
public enum Profile {
    GENERAL, SALES, RECEPTIONIST, MARKETING;

    private final String instructions = load(name().toLowerCase(Locale.ROOT));

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String instructions() {
        return instructions;
    }

    /** Absent means general; anything else unknown is a 400 naming the choices. */
    public static Profile parse(String value) {
        if (value == null || value.isBlank()) {
            return GENERAL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation_failed",
                    "profile must be one of general, sales, receptionist, marketing");
        }
    }

    private static String load(String name) {
        String path = "profiles/" + name + ".md";
        try (InputStream in = Profile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
