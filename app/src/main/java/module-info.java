/** The JavaFX desktop application: shell, chat, voice, mail, insights, settings. */
module donna.app {
    requires donna.core;
    requires donna.audio;
    requires donna.backend;
    requires donna.standins; // demo mode's stand-in OpenAI and Google (donna.app.bundled)
    requires javafx.controls;
    requires javafx.web;
    requires java.desktop; // the tray icon (java.awt.SystemTray)
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM quits like Quit does (launch.QuitOnSignal)
    requires atlantafx.base;
    requires org.kordamp.ikonli.core;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;
    requires java.keyring;
    requires org.slf4j;
    requires ch.qos.logback.classic; // logging set up in code (launch.LogSetup)
    requires ch.qos.logback.core;
    requires info.picocli;

    provides ch.qos.logback.classic.spi.Configurator with donna.app.launch.LogSetup;

    // JavaFX instantiates the Application subclass reflectively.
    exports donna.app to javafx.graphics;
    opens donna.app to javafx.graphics;
    // picocli fills the commands' annotated fields reflectively.
    opens donna.app.mail.cli to info.picocli;
    opens donna.app.voice to info.picocli;
}
