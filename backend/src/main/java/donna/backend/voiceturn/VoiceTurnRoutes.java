package donna.backend.voiceturn;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.auth.AuthGate;
import donna.backend.chat.ChatReply;
import donna.backend.chat.ChatService;
import donna.backend.chat.SseStream;
import donna.backend.chat.TurnEvents;
import donna.backend.config.BackendConfig;
import donna.backend.http.ApiException;
import donna.backend.http.RouteGroup;
import donna.backend.openai.AudioClient;
import donna.backend.openai.OpenAiRequestException;
import donna.backend.openai.OpenAiTimeoutException;
import donna.backend.openai.OpenAiUnavailableException;
import donna.backend.users.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/voice/turn}: the batch voice path (issue 16) for when no realtime engine works, or by choice. The
 * body is the recording (a 16-bit PCM WAV); the service transcribes it, runs it as a typed turn (same tools, same
 * history, same confirmation rule) and answers as a stream of server-sent events: {@code transcript}, then the
 * turn's {@code tool} and {@code delta} events, {@code audio} (PCM16 24 kHz mono, base64) sentence by sentence while
 * the reply is still being written, and {@code done} with the reply's contract object. Query: {@code chat_id},
 * {@code profile}, {@code client_outbox} as in {@code /api/chat}. With an ElevenLabs key, ElevenLabs speaks and
 * OpenAI speech stands in for a turn ElevenLabs refuses; each {@code audio} event's {@code engine} says which spoke.
 */
public final class VoiceTurnRoutes implements RouteGroup {
    public static final String PATH = "/api/voice/turn";
    private static final Logger log = LoggerFactory.getLogger(VoiceTurnRoutes.class);
    /** The whole spoken answer may take this long after the text is complete. */
    private static final Duration SPEAKING_LIMIT = Duration.ofSeconds(60);

    private final ChatService chat;
    private final AudioClient audio;
    private final String voice;
    private final boolean configured;
    private final ObjectMapper mapper;
    /** Null without an ElevenLabs key: OpenAI speaks. */
    private final ElevenLabsVoice elevenLabs;

    /** @param configured false when the service has no OpenAI key (the route says so instead of failing later) */
    public VoiceTurnRoutes(ChatService chat, AudioClient audio, String voice, boolean configured,
            ObjectMapper mapper) {
        this(chat, audio, voice, configured, BackendConfig.ElevenLabs.off(), mapper);
    }

    /** @param elevenLabs ElevenLabs speaks the answers when it has a key (OpenAI speech otherwise) */
    public VoiceTurnRoutes(ChatService chat, AudioClient audio, String voice, boolean configured,
            BackendConfig.ElevenLabs elevenLabs, ObjectMapper mapper) {
        this.chat = chat;
        this.audio = audio;
        this.voice = voice;
        this.configured = configured;
        this.mapper = mapper;
        this.elevenLabs = elevenLabs.enabled() ? new ElevenLabsVoice(elevenLabs, mapper, ElevenLabsVoice.TIMEOUT)
                : null;
        log.info("Batch voice speaks with {}", elevenLabs.enabled() ? "ElevenLabs (voice " + elevenLabs.voiceId()
                + ", model " + elevenLabs.model() + "; OpenAI speech if it fails)" : "OpenAI speech");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post(PATH, this::turn);
    }

    private void turn(Context ctx) {
        User user = AuthGate.caller(ctx).requireUser();
        if (!configured) {
            throw new ApiException(503, "upstream_unavailable", "Voice is not configured on this service (no OpenAI "
                    + "key)");
        }
        byte[] wav = ctx.bodyAsBytes();
        Recording recording = Recording.check(wav);
        String transcript = transcribe(wav);
        if (transcript.isBlank()) {
            throw new ApiException(422, "no_speech", "DONNA heard no words in this recording; try again");
        }
        log.info("Spoken turn: {} ms of audio, {} characters heard", recording.millis(), transcript.length());
        ChatService.Request request = new ChatService.Request(transcript, ctx.queryParam("chat_id"),
                ctx.queryParam("profile"), "true".equals(ctx.queryParam("client_outbox")));
        new SseStream(ctx, mapper).run(stream -> answer(user, request, transcript, stream));
    }

    private ChatReply answer(User user, ChatService.Request request, String transcript, SseStream stream) {
        stream.send("transcript", Map.of("text", transcript));
        Base64.Encoder base64 = Base64.getEncoder();
        TurnVoice speaker = new TurnVoice(elevenLabs, (text, pcm) -> audio.speak(text, voice, pcm));
        try (SpokenReply speech = new SpokenReply(speaker,
                pcm -> stream.send("audio", audioEvent(base64.encodeToString(pcm), speaker.engine())),
                message -> stream.send("speech_error", Map.of("message", message)))) {
            ChatReply reply = chat.reply(user, request, new TurnEvents() {
                @Override
                public void delta(String text) {
                    stream.delta(text);
                    speech.add(text);
                }

                @Override
                public void tool(String callId, String name, String status, String summary) {
                    stream.tool(callId, name, status, summary);
                }
            });
            speech.finish(SPEAKING_LIMIT);
            return reply;
        }
    }

    private static Map<String, Object> audioEvent(String pcm, String engine) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("format", "pcm16");
        event.put("sample_rate", AudioClient.SPEECH_SAMPLE_RATE);
        event.put("audio", pcm);
        event.put("engine", engine);
        return event;
    }

    private String transcribe(byte[] wav) {
        try {
            return Optional.ofNullable(audio.transcribe(wav)).orElse("");
        } catch (OpenAiTimeoutException e) {
            throw new ApiException(504, "upstream_timeout", "Transcription took too long; try again");
        } catch (OpenAiUnavailableException e) {
            log.warn("Spoken turn not transcribed: {}", e.getMessage());
            throw new ApiException(503, "upstream_unavailable", "Transcription is unavailable; try again shortly");
        } catch (OpenAiRequestException e) {
            log.error("OpenAI refused a transcription ({}): {}", e.status(), e.getMessage());
            throw new ApiException(502, "upstream_rejected", "The transcription service refused the recording");
        }
    }
}
