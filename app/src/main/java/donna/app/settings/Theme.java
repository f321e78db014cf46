package donna.app.settings;

/** The two AtlantaFX themes the app offers. */
public enum Theme { LIGHT, DARK }
