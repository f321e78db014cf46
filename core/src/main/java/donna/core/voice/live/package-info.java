/**
 * GPT-Live, DONNA's second voice engine (issue 16): the session is created by the companion service with its own key
 * ({@code POST /api/voice/live/sessions}), the app's WebRTC peer carries the audio and Live's data-channel events,
 * and {@link donna.core.voice.live.LiveEventCodec} translates those events to and from the Realtime-shaped ones the
 * {@link donna.core.voice.VoiceSession} speaks, so the session, the Voice pane and the tools work the same on both
 * engines. DONNA's tools run through Live's client delegation.
 */
package donna.core.voice.live;
