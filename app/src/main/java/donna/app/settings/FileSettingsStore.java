package donna.app.settings;

import donna.core.voice.live.VoiceEngine;
import donna.audio.hotkey.HotkeyCombo;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings in {@code <data>/settings.properties}; a missing or damaged file means defaults, never a failed start. A
 * file from an older DONNA lacks the newer keys: those get their defaults, and so does a hotkey that no longer parses.
 */
public final class FileSettingsStore implements SettingsStore {
    private static final Logger log = LoggerFactory.getLogger(FileSettingsStore.class);

    private final Path file;

    public FileSettingsStore(Path file) {
        this.file = file;
    }

    @Override
    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Ignoring unreadable settings file {}: {}", file, e.toString());
            return Settings.defaults();
        }
        return new Settings(p.getProperty("chat.model"), p.getProperty("realtime.model"),
                p.getProperty("backend.url"), theme(p.getProperty("theme")),
                Boolean.parseBoolean(p.getProperty("tray.keep-running")),
                hotkey(p.getProperty("push-to-talk.hotkey")), VoiceEngine.parse(p.getProperty("voice.engine")),
                Boolean.parseBoolean(p.getProperty("voice.follow-up-window")));
    }

    @Override
    public void save(Settings s) {
        Properties p = new Properties();
        p.setProperty("chat.model", s.chatModel());
        p.setProperty("realtime.model", s.realtimeModel());
        p.setProperty("backend.url", s.backendUrl());
        p.setProperty("theme", s.theme().name().toLowerCase(Locale.ROOT));
        p.setProperty("tray.keep-running", Boolean.toString(s.keepRunningInTray()));
        p.setProperty("push-to-talk.hotkey", s.pushToTalkHotkey().toString());
        p.setProperty("voice.engine", s.voiceEngine().wireName());
        p.setProperty("voice.follow-up-window", Boolean.toString(s.followUpWindow()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "DONNA settings (the OpenAI key is not kept here)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save settings to " + file, e);
        }
    }

    private HotkeyCombo hotkey(String value) {
        if (value == null || value.isBlank()) {
            return HotkeyCombo.DEFAULT;
        }
        try {
            return HotkeyCombo.parse(value);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring the push-to-talk hotkey {} in {}: {}", value, file, e.getMessage());
            return HotkeyCombo.DEFAULT;
        }
    }

    private static Theme theme(String value) {
        return "dark".equalsIgnoreCase(value) ? Theme.DARK : Theme.LIGHT;
    }
}
