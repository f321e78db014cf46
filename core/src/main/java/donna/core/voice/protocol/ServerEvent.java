package donna.core.voice.protocol;

import java.util.List;

/**
 * The server events DONNA acts on (GA Realtime API), parsed by {@link RealtimeProtocol#parse}. Anything else,
 * including events a newer API adds, arrives as {@link Unknown} with its raw JSON: never a crash.
 */
public sealed interface ServerEvent {

    /** {@code session.created}: the connection is up with the minted configuration. */
    record SessionCreated(String sessionId) implements ServerEvent {}

    /** {@code session.updated}: a {@code session.update} took effect. */
    record SessionUpdated(String sessionId, String turnDetection) implements ServerEvent {}

    /** {@code input_audio_buffer.speech_started} (server VAD only). */
    record SpeechStarted(String itemId, long audioStartMs) implements ServerEvent {}

    /** {@code input_audio_buffer.speech_stopped} (server VAD only). */
    record SpeechStopped(String itemId, long audioEndMs) implements ServerEvent {}

    /** {@code input_audio_buffer.committed}: the user's audio became a conversation item. */
    record AudioCommitted(String itemId, String previousItemId) implements ServerEvent {}

    /** {@code input_audio_buffer.cleared}. */
    record AudioCleared() implements ServerEvent {}

    /** {@code conversation.item.input_audio_transcription.completed}: what the user said, as text. */
    record InputTranscript(String itemId, String transcript) implements ServerEvent {}

    /** {@code conversation.item.input_audio_transcription.failed}. */
    record InputTranscriptFailed(String itemId, String message) implements ServerEvent {}

    /** {@code conversation.item.truncate}'s answer, {@code conversation.item.truncated}. */
    record ItemTruncated(String itemId, long audioEndMs) implements ServerEvent {}

    /** {@code response.created}. */
    record ResponseCreated(String responseId) implements ServerEvent {}

    /**
     * A function call the model finished: from {@code response.function_call_arguments.done}, a {@code
     * response.output_item.done} whose item is a {@code function_call}, or an item of {@code response.done}'s output.
     * The same call usually arrives more than once (the session runs it once, by {@code callId}).
     *
     * @param name      null when the event does not carry it (the output item that follows does)
     * @param arguments the arguments as JSON text, as the model wrote them (not validated here)
     * @param complete  false for an item the server marked {@code incomplete} (a cancelled response): not to be run
     */
    record FunctionCallDone(String responseId, String itemId, String callId, String name, String arguments,
            boolean complete) implements ServerEvent {}

    /** {@code response.output_item.added}: the item (and its id, for a truncate) a response speaks into. */
    record OutputItemAdded(String responseId, String itemId, String role) implements ServerEvent {}

    /** {@code response.output_audio_transcript.delta}: DONNA's words as she says them. */
    record TranscriptDelta(String responseId, String itemId, String delta) implements ServerEvent {}

    /** {@code response.output_audio_transcript.done}: DONNA's whole utterance. */
    record TranscriptDone(String responseId, String itemId, String transcript) implements ServerEvent {}

    /** {@code response.output_audio.delta}: base64 PCM16 24 kHz (WebSocket only; WebRTC carries audio as media). */
    record AudioDelta(String responseId, String itemId, String audioBase64) implements ServerEvent {}

    /** {@code response.output_audio.done}. */
    record AudioDone(String responseId, String itemId) implements ServerEvent {}

    /** {@code output_audio_buffer.started} (WebRTC): the peer began playing a response. */
    record PlaybackStarted(String responseId) implements ServerEvent {}

    /** {@code output_audio_buffer.stopped} (WebRTC): the peer finished playing a response. */
    record PlaybackStopped(String responseId) implements ServerEvent {}

    /** {@code output_audio_buffer.cleared} (WebRTC): an {@code output_audio_buffer.clear} took effect. */
    record PlaybackCleared(String responseId) implements ServerEvent {}

    /**
     * {@code response.done}.
     *
     * @param status {@code completed}, {@code cancelled}, {@code failed} or {@code incomplete}
     * @param reason the status details' reason or error message, or null
     * @param calls  the function calls among the response's output items (empty when there are none)
     */
    record ResponseDone(String responseId, String status, String reason, List<FunctionCallDone> calls)
            implements ServerEvent {
        public ResponseDone {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }

        public ResponseDone(String responseId, String status, String reason) {
            this(responseId, status, reason, List.of());
        }

        public boolean completed() {
            return "completed".equals(status);
        }
    }

    /** {@code error}: the server rejected an event or failed. */
    record Error(String code, String message, String param, String eventId) implements ServerEvent {}

    /** An event DONNA does not act on, or one that did not parse: kept whole for logs and diagnostics. */
    record Unknown(String type, String json) implements ServerEvent {}
}
