package donna.core.voice.protocol;

import java.util.Objects;

/** The client events DONNA sends (GA Realtime API); {@link RealtimeProtocol#write} turns them into JSON text. */
public sealed interface ClientEvent {

    /** {@code session.update}; always carries {@code session.type: "realtime"}. */
    record SessionUpdate(SessionConfig session) implements ClientEvent {
        public SessionUpdate {
            Objects.requireNonNull(session, "session");
        }
    }

    /** {@code input_audio_buffer.append}: base64 PCM16 24 kHz mono (WebSocket only). */
    record AppendAudio(String audioBase64) implements ClientEvent {}

    /** {@code input_audio_buffer.commit}: the user's turn is complete (push-to-talk release). */
    record CommitAudio() implements ClientEvent {}

    /** {@code input_audio_buffer.clear}: forget what was captured (a press too short to mean anything). */
    record ClearAudio() implements ClientEvent {}

    /** {@code response.create}: answer now. */
    record CreateResponse() implements ClientEvent {}

    /** {@code response.cancel}; a null id cancels the response in progress. */
    record CancelResponse(String responseId) implements ClientEvent {}

    /** {@code output_audio_buffer.clear}: stop audio already sent to the peer (WebRTC only). */
    record ClearOutputAudio() implements ClientEvent {}

    /** {@code conversation.item.truncate}: the assistant item was heard only up to {@code audioEndMs} (never 0). */
    record TruncateItem(String itemId, int contentIndex, long audioEndMs) implements ClientEvent {
        public TruncateItem {
            Objects.requireNonNull(itemId, "itemId");
            if (audioEndMs <= 0) {
                throw new IllegalArgumentException("audio_end_ms must be positive: the API rejects 0");
            }
        }
    }

    /** {@code conversation.item.create} of a text message, to restore context after a reconnect. */
    record CreateMessage(Role role, String text) implements ClientEvent {
        public CreateMessage {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * {@code conversation.item.create} of a {@code function_call_output}: what a tool answered the model's call
     * {@code callId} with, as JSON text (the model reads it; a {@code response.create} then makes DONNA speak).
     */
    record FunctionCallOutput(String callId, String output) implements ClientEvent {
        public FunctionCallOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(output, "output");
        }
    }

    /** Who said a restored message. */
    enum Role {
        USER("user", "input_text"),
        ASSISTANT("assistant", "output_text");

        private final String wireName;
        private final String contentType;

        Role(String wireName, String contentType) {
            this.wireName = wireName;
            this.contentType = contentType;
        }

        public String wireName() {
            return wireName;
        }

        /** GA content part types: users send {@code input_text}, the assistant's text is {@code output_text}. */
        public String contentType() {
            return contentType;
        }
    }
}
