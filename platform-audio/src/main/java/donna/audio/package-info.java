/**
 * Voice on this machine's hardware: the WebRTC {@code RealtimeTransport} ({@code webrtc}), PCM and WAV helpers
 * ({@code pcm}), sound devices and the global push-to-talk hotkey. The voice session logic itself lives in core.
 */
package donna.audio;
