package donna.app.settings;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import donna.core.voice.live.VoiceEngine;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Settings pane: account, OpenAI key, model names, service URL, theme, the push-to-talk hotkey, and the desktop
 * choices.
 */
public final class SettingsView extends ScrollPane {

    /**
     * @param account  the Account section, shown first
     * @param sections shown last, in order (Memory: what DONNA remembers; Integrations: webhooks)
     */
    public SettingsView(SettingsViewModel vm, javafx.scene.Node account, javafx.scene.Node... sections) {
        getStyleClass().addAll("settings-view", Tweaks.EDGE_TO_EDGE);
        setFitToWidth(true);

        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_2);

        PasswordField key = new PasswordField();
        key.setId("openai-key");
        key.textProperty().bindBidirectional(vm.openAiKeyProperty());
        key.promptTextProperty().bind(javafx.beans.binding.Bindings.when(vm.keyStoredProperty())
                .then("A key is stored; type a new one to replace it").otherwise("sk-..."));
        Button remove = new Button("Remove key");
        remove.getStyleClass().add(Styles.FLAT);
        remove.visibleProperty().bind(vm.keyStoredProperty());
        remove.setOnAction(e -> vm.removeKey());
        Label keyHint = muted(vm.keyLocationProperty().get());
        keyHint.textProperty().bind(vm.keyLocationProperty());

        TextField chatModel = field("chat-model", vm.chatModelProperty());
        TextField realtimeModel = field("realtime-model", vm.realtimeModelProperty());
        TextField backendUrl = field("backend-url", vm.backendUrlProperty());
        backendUrl.setPromptText("empty: DONNA runs its own service on this computer");

        ToggleGroup themes = new ToggleGroup();
        ToggleButton light = themeButton("Light", Feather.SUN, Theme.LIGHT, themes);
        ToggleButton dark = themeButton("Dark", Feather.MOON, Theme.DARK, themes);
        light.getStyleClass().add(Styles.LEFT_PILL);
        dark.getStyleClass().add(Styles.RIGHT_PILL);
        themes.selectToggle(vm.themeProperty().get() == Theme.DARK ? dark : light);
        themes.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                themes.selectToggle(old); // a pill pair always has one side on
            } else {
                vm.themeProperty().set((Theme) now.getUserData());
            }
        });

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        // The labels keep their width; the fields and the notes beside them wrap or shrink instead.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        form.getColumnConstraints().addAll(labels, new ColumnConstraints());
        int row = 0;
        form.addRow(row++, new Label("OpenAI API key"), new HBox(8, key, remove));
        form.add(keyHint, 1, row++);
        form.addRow(row++, new Label("Chat model"), chatModel);
        form.addRow(row++, new Label("Realtime (voice) model"), realtimeModel);
        form.addRow(row++, new Label("Service URL"), backendUrl);
        form.add(muted("Set this to use a shared DONNA service instead of the one on this computer."), 1, row++);
        form.addRow(row++, new Label("Theme"), new HBox(light, dark));
        HotkeyField hotkey = new HotkeyField(vm.hotkey());
        form.addRow(row++, new Label("Push-to-talk hotkey"), hotkey.keys());
        form.add(hotkey.notes(), 1, row++);

        CheckBox startAtLogin = new CheckBox("Start DONNA when I log in");
        startAtLogin.setId("start-at-login");
        startAtLogin.selectedProperty().bindBidirectional(vm.startAtLoginProperty());
        startAtLogin.setDisable(!vm.startAtLoginAvailable());
        Label loginHint = muted("");
        loginHint.textProperty().bind(vm.startAtLoginHintProperty());
        CheckBox keepRunning = new CheckBox("Keep DONNA running in the tray when I close the window");
        keepRunning.setId("keep-running-in-tray");
        keepRunning.selectedProperty().bindBidirectional(vm.keepRunningInTrayProperty());
        form.addRow(row++, new Label("Desktop"), startAtLogin);
        form.add(loginHint, 1, row++);
        form.add(keepRunning, 1, row++);
        form.add(muted("The push-to-talk hotkey keeps working while the window is closed. Needs a system tray; "
                + "without one, closing the window quits DONNA."), 1, row++);
        // Last, so the rows above keep their places.
        ComboBox<VoiceEngine> engine = new ComboBox<>(FXCollections.observableArrayList(VoiceEngine.values()));
        engine.setId("voice-engine");
        engine.setConverter(new StringConverter<>() {
            @Override
            public String toString(VoiceEngine e) {
                return e == null ? "" : e == VoiceEngine.LIVE ? "GPT-Live (preview)" : "Realtime (default)";
            }

            @Override
            public VoiceEngine fromString(String text) {
                return VoiceEngine.parse(text);
            }
        });
        engine.valueProperty().bindBidirectional(vm.voiceEngineProperty());
        form.addRow(row++, new Label("Voice engine"), engine);
        form.add(muted("GPT-Live needs an OpenAI account with Live access; without it DONNA says so and uses "
                + "Realtime. Used from the next voice connection."), 1, row++);
        CheckBox followUp = new CheckBox("Follow-up window: after a question, listen a few seconds without the key");
        followUp.setId("follow-up-window");
        followUp.setWrapText(true); // its label is longer than the form's column on a small window
        followUp.selectedProperty().bindBidirectional(vm.followUpWindowProperty());
        form.add(followUp, 1, row++);
        form.add(muted("Only while DONNA's window is in front, never in the background. Not on GPT-Live or the "
                + "batch path."), 1, row);

        Button save = new Button("Save", new FontIcon(Feather.SAVE));
        save.setId("save-settings");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(false);
        save.setOnAction(e -> vm.save());
        Label message = new Label();
        message.getStyleClass().add(Styles.SUCCESS);
        message.textProperty().bind(vm.messageProperty());
        Label error = new Label();
        error.setId("settings-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());

        VBox page = new VBox(16, title, account, new javafx.scene.control.Separator(), form,
                new HBox(12, save, message), error);
        for (javafx.scene.Node section : sections) {
            page.getChildren().addAll(new javafx.scene.control.Separator(), section);
        }
        page.setPadding(new Insets(24));
        page.setMaxWidth(760);
        setContent(page);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(32);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        l.setWrapText(true);
        return l;
    }

    private static ToggleButton themeButton(String text, Feather icon, Theme theme, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text, new FontIcon(icon));
        b.setUserData(theme);
        b.setToggleGroup(group);
        b.setId("theme-" + theme.name().toLowerCase(java.util.Locale.ROOT));
        return b;
    }
}
