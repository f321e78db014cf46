/**
 * Native-facing pieces of voice: the WebRTC transport, audio devices and the global push-to-talk hotkey.
 * Nothing is exported yet: the voice issue brings the first classes.
 */
module donna.audio {
    requires transitive donna.core;
}
