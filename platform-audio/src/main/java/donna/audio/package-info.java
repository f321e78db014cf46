/**
 * Voice on this machine's hardware: the WebRTC {@code RealtimeTransport}, audio devices, mic capture, playback
 * and the global push-to-talk hotkey. Arrives with the voice issue; the voice session logic itself lives in core.
 */
package donna.audio;
