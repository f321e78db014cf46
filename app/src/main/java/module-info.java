/** The JavaFX desktop application: shell, chat, voice, mail, insights, settings. */
module donna.app {
    requires donna.core;
    requires donna.audio;
    requires donna.backend;
    requires javafx.controls;
    requires atlantafx.base;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;
    requires org.slf4j;

    exports donna.app;
}
