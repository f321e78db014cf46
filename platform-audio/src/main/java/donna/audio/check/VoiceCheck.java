package donna.audio.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import donna.audio.pcm.PcmSource;
import donna.audio.pcm.WavRecorder;
import donna.audio.pcm.WavSource;
import donna.audio.webrtc.WebRtcRuntime;
import donna.audio.webrtc.WebRtcTransport;
import donna.audio.webrtc.WebRtcVoiceAudio;
import donna.core.voice.RealtimeConnectRequest;
import donna.core.voice.RealtimeTransport;
import donna.core.voice.RealtimeTransportException;
import donna.core.voice.TransportListener;
import donna.core.voice.live.SdpExchange;
import donna.core.voice.protocol.ClientEvent;
import donna.core.voice.protocol.RealtimeProtocol;
import donna.core.voice.protocol.SessionConfig;
import donna.core.voice.websocket.WebSocketTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One push-to-talk turn over WebRTC (or the WebSocket), measured: connect, switch the session to push-to-talk, hold the key while the
 * input file plays as the microphone, release (commit, then {@code response.create}), and wait for DONNA's answer
 * to be heard in full. What she says is recorded. The core of {@code ./donna voice-check} and of the voice
 * benchmark; it needs a headless runtime (the file is the microphone).
 */
public final class VoiceCheck {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceCheck.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebRtcRuntime runtime;
    private final Duration stepTimeout;

    /** @param stepTimeout how long each step (connect, session update, the answer) may take */
    public VoiceCheck(WebRtcRuntime runtime, Duration stepTimeout) {
        this.runtime = runtime;
        this.stepTimeout = stepTimeout;
    }

    /** Runs the turn over WebRTC; never throws for a failed turn: the result says what went wrong. */
    public VoiceCheckResult run(RealtimeConnectRequest request, WavSource input, WavRecorder output) {
        input.rewind();
        return run(request, input, new WebRtcTransport(runtime, input, output), "webrtc", () -> { });
    }

    /**
     * Runs the turn over the WebSocket transport, its microphone and speaker on the same headless platform audio
     * ({@link WebRtcVoiceAudio#fed}): the input plays into the microphone only while the key is held, as on WebRTC.
     */
    public VoiceCheckResult runOverWebSocket(RealtimeConnectRequest request, WavSource input, WavRecorder output) {
        return runOverEvents("websocket", request, input, output, audio -> WebSocketTransport.factory(audio).create());
    }

    /**
     * Runs the turn over a transport that carries its audio itself (the WebSocket, the service's relay, the batch
     * path), made by {@code transport} on the same headless platform audio as {@link #runOverWebSocket}.
     */
    public VoiceCheckResult runOverEvents(String transportName, RealtimeConnectRequest request, WavSource input,
            WavRecorder output, java.util.function.Function<donna.core.voice.VoiceAudio, RealtimeTransport> transport) {
        input.rewind();
        KeyedSource microphone = new KeyedSource(input);
        try (WebRtcVoiceAudio audio = WebRtcVoiceAudio.fed(microphone, output)) {
            return run(request, input, transport.apply(audio), transportName, microphone::press);
        }
    }

    /**
     * Runs the turn over GPT-Live: {@code live} makes the Live transport around WebRTC peers (the input as their
     * microphone, the output recording DONNA) whose SDP goes through the given exchange (the service's route).
     */
    public VoiceCheckResult runOverLive(RealtimeConnectRequest request, WavSource input, WavRecorder output,
            java.util.function.Function<java.util.function.Function<SdpExchange, RealtimeTransport>,
                    RealtimeTransport> live) {
        input.rewind();
        return run(request, input, live.apply(exchange -> new WebRtcTransport(runtime, input, output, exchange)),
                "live", () -> { });
    }

    private VoiceCheckResult run(RealtimeConnectRequest request, WavSource input, RealtimeTransport opened,
            String transportName, Runnable pressed) {
        Turn turn = new Turn(transportName);
        try (RealtimeTransport transport = opened) {
            try {
                long connecting = System.nanoTime();
                transport.connect(request, turn);
                turn.connectMillis = transport instanceof WebRtcTransport webRtc ? webRtc.connectMillis()
                        : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connecting);
                transport.send(RealtimeProtocol.write(new ClientEvent.SessionUpdate(SessionConfig.pushToTalk())));
                turn.step(turn.sessionUpdated, "the session did not switch to push-to-talk");

                transport.setMicrophoneLive(true);
                pressed.run();
                within(input.awaitExhausted(stepTimeout), "the input did not finish playing");
                transport.setMicrophoneLive(false);
                if (transport instanceof WebRtcTransport webRtc) {
                    turn.pressToLiveMicros = TimeUnit.NANOSECONDS.toMicros(webRtc.pressToLiveNanos());
                }
                transport.send(RealtimeProtocol.write(new ClientEvent.CommitAudio()));
                turn.responseAsked = System.nanoTime();
                transport.send(RealtimeProtocol.write(new ClientEvent.CreateResponse()));

                turn.step(turn.firstAudio, "no audio from DONNA");
                turn.step(turn.responseDone, "DONNA did not finish her answer");
                turn.step(turn.playbackStopped, "her audio did not stop playing");
                if (transport instanceof WebRtcTransport webRtc) { // the WebSocket's "stopped" is its own playback's end
                    within(webRtc.awaitPlaybackQuiet(stepTimeout), "her audio did not stop playing");
                }
                turn.played = transport.playedAudioMillis();
                if (turn.firstTranscriptMillis < 0) {
                    return turn.failed("her answer came without a transcript");
                }
                return turn.result(true, null);
            } catch (RealtimeTransportException e) {
                return turn.failed(e.getMessage());
            } catch (TurnFailed e) {
                return turn.failed(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return turn.failed("interrupted");
            }
        }
    }

    private void within(boolean done, String failure) {
        if (!done) {
            throw new TurnFailed(failure + " within " + stepTimeout.toSeconds() + " s");
        }
    }

    private static final class TurnFailed extends RuntimeException {
        TurnFailed(String message) {
            super(message);
        }
    }

    /** The input file as a microphone that is silent until the key goes down (a device is read all the time). */
    private static final class KeyedSource implements PcmSource {
        private final WavSource input;
        private volatile boolean pressed;

        KeyedSource(WavSource input) {
            this.input = input;
        }

        void press() {
            pressed = true;
        }

        @Override
        public boolean read(short[] frame) {
            if (!pressed) {
                java.util.Arrays.fill(frame, (short) 0);
                return true;
            }
            return input.read(frame);
        }
    }

    /** The turn's listener and what it has seen so far. */
    private final class Turn implements TransportListener {
        private final String transportName;
        final CompletableFuture<Void> sessionUpdated = new CompletableFuture<>();
        final CompletableFuture<Void> firstAudio = new CompletableFuture<>();
        final CompletableFuture<Void> responseDone = new CompletableFuture<>();
        final CompletableFuture<Void> playbackStopped = new CompletableFuture<>();
        final StringBuilder said = new StringBuilder();
        volatile long connectMillis = -1;
        volatile long responseAsked;
        volatile long firstAudioMillis = -1;
        volatile long firstTranscriptMillis = -1;
        volatile long pressToLiveMicros = -1;
        volatile long played;
        volatile String heard;

        Turn(String transportName) {
            this.transportName = transportName;
        }

        @Override
        public void onEvent(String eventJson) {
            JsonNode event;
            try {
                event = JSON.readTree(eventJson);
            } catch (IOException e) {
                return;
            }
            switch (event.path("type").asText()) {
                case "session.updated" -> sessionUpdated.complete(null);
                case "conversation.item.input_audio_transcription.completed" ->
                        heard = event.path("transcript").asText();
                case "response.output_audio_transcript.delta" -> {
                    if (firstTranscriptMillis < 0 && responseAsked > 0) {
                        firstTranscriptMillis = sinceAsked();
                    }
                    synchronized (said) {
                        said.append(event.path("delta").asText());
                    }
                }
                case "response.done" -> {
                    String status = event.path("response").path("status").asText();
                    if ("completed".equals(status)) {
                        responseDone.complete(null);
                    } else {
                        fail("her answer ended " + status);
                    }
                }
                case "output_audio_buffer.stopped" -> playbackStopped.complete(null);
                case "error" -> fail("the realtime API said: " + event.path("error").path("message").asText());
                default -> { }
            }
        }

        @Override
        public void onFirstAudioFrame() {
            if (responseAsked > 0 && firstAudioMillis < 0) {
                firstAudioMillis = sinceAsked();
                firstAudio.complete(null);
            }
        }

        @Override
        public void onClosed(String reason, boolean failed) {
            fail("the connection ended: " + reason);
        }

        @Override
        public void onNotice(String message) {
            fail(message); // the batch path's refusals ("DONNA heard nothing: ...") end the turn
        }

        void fail(String reason) {
            LOG.debug("voice check: {}", reason);
            TurnFailed failed = new TurnFailed(reason);
            sessionUpdated.completeExceptionally(failed);
            firstAudio.completeExceptionally(failed);
            responseDone.completeExceptionally(failed);
            playbackStopped.completeExceptionally(failed);
        }

        void step(CompletableFuture<Void> step, String failure) {
            try {
                step.get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new TurnFailed(failure + " within " + stepTimeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new TurnFailed(e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TurnFailed("interrupted");
            }
        }

        long sinceAsked() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - responseAsked);
        }

        VoiceCheckResult failed(String reason) {
            return result(false, reason);
        }

        VoiceCheckResult result(boolean ok, String reason) {
            String text;
            synchronized (said) {
                text = said.isEmpty() ? null : said.toString();
            }
            return new VoiceCheckResult(ok, reason, transportName, connectMillis, firstAudioMillis,
                    firstTranscriptMillis, pressToLiveMicros, heard, text, played);
        }
    }
}
