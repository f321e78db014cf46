package donna.core.voice;

import donna.core.chat.NewMessage;
import donna.core.voice.protocol.ClientEvent;
import donna.core.voice.protocol.RealtimeProtocol;
import donna.core.voice.protocol.ServerEvent;
import donna.core.voice.protocol.SessionConfig;
import donna.core.voice.protocol.TurnDetection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One voice conversation with DONNA over the Realtime API: the state machine (idle, connecting, ready, listening,
 * thinking, speaking, reconnecting, failed), push-to-talk, hands-free, barge-in, reconnect with restored context,
 * and transcripts saved into the chat history.
 *
 * <p>Every input (the user's commands, transport events, timers, blocking results) runs on one {@link
 * VoiceScheduler}, one at a time, so the session holds no locks; blocking work (minting a secret, opening a
 * connection, saving transcripts) runs on {@code io} and posts its result back. Commands may be called from any
 * thread. The listener is called on the scheduler's thread.
 */
public final class VoiceSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceSession.class);
    /** A secret this close to expiry is not used for a new connection. */
    private static final Duration SECRET_SAFETY = Duration.ofSeconds(3);
    /** Stands in for a secret when the transport opens with the service's credentials (relay, batch). */
    private static final RealtimeToken NO_SECRET = new RealtimeToken("", Instant.MAX, "");

    private final Supplier<URI> baseUrl;
    private final TokenSource tokens;
    private final RealtimeTransportFactory transports;
    private final VoiceScheduler scheduler;
    private final Executor io;
    private final VoiceSettings settings;
    private final Backoff backoff;
    private final VoiceSessionListener listener;
    private final TranscriptSaver history;
    private final ToolTurns tools;
    /** The conversation's metered session; like the fields below, touched on the scheduler's thread only. */
    private final ConversationMeter metering;
    private final VoiceEventLog events;
    private final Duration followUpLength;

    // Everything below is touched on the scheduler's thread only (except the two volatile views).
    private volatile VoiceState stateView = VoiceState.IDLE;
    private volatile RealtimeTransport transportView;
    private VoiceState state = VoiceState.IDLE;
    private String stateDetail;
    private boolean closed;
    /** Bumped by connect/disconnect: spare secrets of an old use are dropped (transcripts are still saved). */
    private int use;
    /** Bumped for every connection attempt: events of an older transport are ignored. */
    private int generation;
    private RealtimeTransport transport;
    /** The current connection's service keeps its turns in the chat itself (the batch path). */
    private boolean transcriptsKept;
    private boolean confirmed;
    private int reconnectAttempt;
    private RealtimeToken spare;
    private boolean minting;
    private VoiceScheduler.Cancellable confirmTimer;
    private VoiceScheduler.Cancellable reconnectTimer;
    private VoiceScheduler.Cancellable remintTimer;
    private VoiceScheduler.Cancellable levelTimer;

    // The voice events log (docs/voice.md, "What DONNA records about a voice session"): timings and counts only.
    /** This use's id in the log (the metered session's, else a random UUID); null between uses. */
    private String eventSession;
    private Instant useStartedAt;
    private Instant attemptStartedAt;
    private String transportName;
    /** The connection a reply played on (its played-audio clock outlives {@link #closeTransport}). */
    private RealtimeTransport replyTransport;
    private int turns;
    /** When the user's latest speech ended (a push-to-talk release, the server's end of speech); null once answered. */
    private Instant speechEndedAt;
    private Long replyLatencyMs;

    private boolean handsFree;
    /** The follow-up option (off by default) and whether the app is in front (the window never opens otherwise). */
    private boolean followUpOn;
    private boolean foreground = true;
    private FollowUp followUp = FollowUp.CLOSED;
    private Instant followUpEndsAt;
    private VoiceScheduler.Cancellable followUpTimer;
    private boolean pressed;
    private Instant pressedAt;
    private boolean heardVoice;
    private final Reply reply = new Reply();
    /** Turns a tool keeps in the chat itself (GPT-Live's delegations): their transcripts are not saved again. */
    private final KeptTurns kept = new KeptTurns();
    private final Deque<NewMessage> recent = new ArrayDeque<>();
    /** The conversation item of the user's latest committed audio (the service's proof of a later user turn). */
    private String userItemId;

    private VoiceSession(Builder b) {
        this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl");
        this.tokens = Objects.requireNonNull(b.tokens, "tokens");
        this.transports = Objects.requireNonNull(b.transports, "transports");
        TranscriptStore store = Objects.requireNonNull(b.store, "store");
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.io = Objects.requireNonNull(b.io, "io");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), b.random);
        this.history = new TranscriptSaver(store, scheduler, io,
                id -> safely(() -> listener.onChatSession(id)), this::notice);
        this.tools = new ToolTurns(b.toolRunner, scheduler, io, b.toolTimeout, new ToolSeat());
        this.metering = new ConversationMeter(b.meter, scheduler, io);
        this.events = new VoiceEventLog(b.events, scheduler, io);
        this.followUpLength = b.followUpWindow;
    }

    /** Where the follow-up window is: closed, open and counting down, or the person's answer is being heard. */
    private enum FollowUp { CLOSED, OPEN, ANSWERING }

    public static Builder builder() {
        return new Builder();
    }

    // ---- commands (any thread) ----

    /** Mints a secret, opens a connection, configures the session; READY when the server confirms. */
    public void connect() {
        scheduler.execute(() -> {
            if (!closed && (state == VoiceState.IDLE || state == VoiceState.FAILED)) {
                use++;
                reconnectAttempt = 0;
                eventSession = null;
                useStartedAt = scheduler.now();
                turns = 0;
                openConnection();
            }
        });
    }

    /** Closes the connection; transcripts not yet saved are still saved. */
    public void disconnect() {
        scheduler.execute(() -> stop(VoiceState.IDLE, null));
    }

    /** Push-to-talk pressed: the microphone goes live (and DONNA stops if she was talking). */
    public void press() {
        scheduler.execute(this::onPress);
    }

    /** Push-to-talk released: the turn goes to the model, unless the press was too short or silent. */
    public void release() {
        scheduler.execute(this::onRelease);
    }

    /** Hands-free: the server detects when the user speaks and stops; the microphone stays live. */
    public void setHandsFree(boolean on) {
        scheduler.execute(() -> onHandsFree(on));
    }

    /**
     * The follow-up window (off by default): after DONNA's spoken answer ends with a question, the microphone stays
     * live for a few seconds with the server's voice detection, so the person can answer without the key.
     */
    public void setFollowUp(boolean on) {
        scheduler.execute(() -> {
            followUpOn = on;
            if (!on) {
                endFollowUp();
            }
        });
    }

    /** The app is in front (true, the default) or in the background: then no follow-up window opens or stays open. */
    public void setForeground(boolean inFront) {
        scheduler.execute(() -> {
            foreground = inFront;
            if (!inFront) {
                endFollowUp();
            }
        });
    }

    /** Transcripts go into this chat session from now on (null: a new one on the first transcript). */
    public void useChat(String id) {
        scheduler.execute(() -> history.useChat(id));
    }

    public VoiceState state() {
        return stateView;
    }

    /** The microphone level (0..1) of the current connection, for the meter; 0 when not connected. */
    public double inputLevel() {
        RealtimeTransport t = transportView;
        return t == null ? 0 : t.inputLevel();
    }

    @Override
    public void close() {
        scheduler.execute(() -> {
            stop(VoiceState.IDLE, null);
            closed = true;
        });
    }

    // ---- connecting ----

    private void openConnection() {
        int gen = ++generation;
        confirmed = false;
        transportView = null;
        attemptStartedAt = scheduler.now();
        if (reconnectAttempt == 0) {
            setState(VoiceState.CONNECTING, null);
        }
        RealtimeToken ready = usable(spare) ? spare : null;
        if (ready == null) {
            metering.unused(spare);
        }
        spare = null; // a secret opens one connection; the next one gets a fresh spare
        String continuing = metering.continuing();
        io.execute(() -> {
            RealtimeTransport created = null;
            RealtimeToken secret = null;
            try {
                // The relay and the batch path use the service's own credentials: nothing to mint for them.
                secret = ready != null ? ready
                        : transports.needsClientSecret() ? tokens.mint(continuing) : NO_SECRET;
                created = transports.create();
                created.connect(new RealtimeConnectRequest(baseUrl.get(), secret.model(), secret.value(),
                        settings.connectTimeout(), continuing), new Connection(gen));
                RealtimeTransport open = created;
                RealtimeToken used = secret;
                scheduler.execute(() -> opened(gen, open, used, continuing));
            } catch (RuntimeException e) {
                String own = null;
                if (created != null) {
                    own = created.meteredSessionId(); // opened before the connection failed
                    created.close();
                }
                String reason = readable(e);
                log.info("Voice connection attempt failed: {}", reason);
                RealtimeToken unused = secret;
                String unusedOwn = own;
                scheduler.execute(() -> {
                    metering.unused(unused);
                    metering.unused(unusedOwn, continuing);
                    attemptFailed(gen, reason, "connect_failed");
                });
            }
        });
    }

    private void opened(int gen, RealtimeTransport opened, RealtimeToken secret, String continuing) {
        if (gen != generation) {
            opened.close(); // disconnected while it was opening
            metering.unused(secret);
            metering.unused(opened.meteredSessionId(), continuing);
            return;
        }
        metering.transportOpened(opened, secret);
        if (eventSession == null) {
            String metered = metering.continuing();
            eventSession = metered != null ? metered : UUID.randomUUID().toString();
        }
        transportName = opened.transportName();
        replyTransport = opened;
        transcriptsKept = opened.savesTranscripts();
        transport = opened;
        transportView = opened;
        opened.setMicrophoneLive(false);
        send(new ClientEvent.SessionUpdate(sessionConfig()));
        confirmTimer = scheduler.schedule(settings.sessionUpdateTimeout(), () -> {
            if (gen == generation && !confirmed) {
                closeTransport();
                attemptFailed(gen, "the voice service did not confirm the session within "
                        + settings.sessionUpdateTimeout().toSeconds() + " s", "not_confirmed");
            }
        });
    }

    private void confirmedSession() {
        confirmed = true;
        cancel(confirmTimer);
        boolean restoring = reconnectAttempt > 0;
        record(VoiceEvent.connected(eventId(), scheduler.now(),
                Duration.between(attemptStartedAt, scheduler.now()).toMillis(), transportName, reconnectAttempt));
        reconnectAttempt = 0;
        if (restoring) {
            // A new connection is a new conversation: re-create recent messages so DONNA remembers them.
            recent.forEach(m -> send(new ClientEvent.CreateMessage("user".equals(m.role()) ? ClientEvent.Role.USER
                    : ClientEvent.Role.ASSISTANT, m.content())));
            log.info("Voice connection restored with {} recent messages", recent.size());
        }
        transport.setMicrophoneLive(handsFree);
        setState(VoiceState.READY, null);
        if (spare == null) {
            mintSpare();
        }
    }

    /** @param why the log's code for it: {@code connect_failed}, {@code not_confirmed} or {@code dropped} */
    private void attemptFailed(int gen, String reason, String why) {
        if (gen != generation) {
            return;
        }
        if (reconnectAttempt == 0) {
            record(VoiceEvent.error(eventId(), scheduler.now(), why));
            stop(VoiceState.FAILED, "Could not connect to DONNA's voice: " + reason);
        } else if (reconnectAttempt >= settings.reconnectAttempts()) {
            record(VoiceEvent.error(eventId(), scheduler.now(), "reconnect_failed"));
            stop(VoiceState.FAILED, "Lost the connection and could not reconnect after " + reconnectAttempt
                    + " attempts: " + reason);
        } else {
            scheduleReconnect(reason, why);
        }
    }

    private void scheduleReconnect(String reason, String why) {
        reconnectAttempt++;
        record(VoiceEvent.reconnect(eventId(), scheduler.now(), reconnectAttempt, why));
        Duration delay = backoff.delay(reconnectAttempt);
        int gen = ++generation;
        setState(VoiceState.RECONNECTING, "Reconnecting (attempt " + reconnectAttempt + " of "
                + settings.reconnectAttempts() + "): " + reason);
        reconnectTimer = scheduler.schedule(delay, () -> {
            if (gen == generation) {
                openConnection();
            }
        });
    }

    private void transportClosed(int gen, String reason, boolean failure) {
        if (gen != generation) {
            return;
        }
        boolean inUse = state.connected();
        closeTransport();
        endReplyIfAny(true);
        pressed = false;
        cancel(levelTimer);
        if (!confirmed) {
            attemptFailed(gen, reason, "dropped");
        } else if (failure && inUse) {
            log.info("Voice connection dropped ({}); reconnecting", reason);
            scheduleReconnect(reason, "dropped");
        } else {
            stop(VoiceState.IDLE, "The voice session ended: " + reason);
        }
    }

    /** Keeps a fresh secret at hand so a reconnect needs no round trip, re-minted before it expires. */
    private void mintSpare() {
        if (minting || !state.connected() || (transport != null && !transport.usesClientSecret())) {
            return;
        }
        minting = true;
        int mintedFor = use;
        String continuing = metering.continuing();
        io.execute(() -> {
            try {
                RealtimeToken fresh = tokens.mint(continuing);
                scheduler.execute(() -> spareMinted(mintedFor, fresh));
            } catch (RuntimeException e) {
                String reason = readable(e);
                scheduler.execute(() -> spareFailed(mintedFor, reason));
            }
        });
    }

    private void spareMinted(int mintedFor, RealtimeToken fresh) {
        minting = false;
        if (mintedFor != use || closed) {
            metering.unused(fresh);
            return;
        }
        metering.unused(spare);
        spare = fresh;
        Duration left = Duration.between(scheduler.now(), fresh.expiresAt());
        Duration wait = left.minus(settings.remintMargin());
        if (wait.compareTo(left.dividedBy(2)) < 0) {
            wait = left.dividedBy(2); // a very short-lived secret: renew half-way
        }
        cancel(remintTimer);
        remintTimer = scheduler.schedule(wait, this::mintSpare);
    }

    private void spareFailed(int mintedFor, String reason) {
        minting = false;
        if (mintedFor == use && !closed) {
            log.debug("Spare voice secret not minted ({}); trying again later", reason);
            cancel(remintTimer);
            remintTimer = scheduler.schedule(settings.remintMargin().dividedBy(3), this::mintSpare);
        }
    }

    private boolean usable(RealtimeToken token) {
        return token != null && token.expiresAt().isAfter(scheduler.now().plus(SECRET_SAFETY));
    }

    // ---- push-to-talk and hands-free ----

    private void onPress() {
        if (!state.connected()) {
            return;
        }
        if (state == VoiceState.SPEAKING || state == VoiceState.THINKING) {
            bargeIn();
        }
        endFollowUp(); // a press during the window is a normal press, with push-to-talk back
        if (handsFree || pressed) {
            return; // hands-free listens all the time; a press there only interrupts
        }
        pressed = true;
        pressedAt = scheduler.now();
        heardVoice = false;
        send(new ClientEvent.ClearAudio()); // nothing from before the press belongs to this turn
        transport.setMicrophoneLive(true);
        setState(VoiceState.LISTENING, null);
        sampleLevel();
    }

    private void sampleLevel() {
        if (!pressed || transport == null) {
            return;
        }
        heardVoice |= transport.inputLevel() >= Pcm16.SILENCE_LEVEL;
        levelTimer = scheduler.schedule(settings.levelSampling(), this::sampleLevel);
    }

    private void onRelease() {
        if (!pressed) {
            return;
        }
        heardVoice |= transport.inputLevel() >= Pcm16.SILENCE_LEVEL;
        pressed = false;
        cancel(levelTimer);
        transport.setMicrophoneLive(false);
        boolean tap = Duration.between(pressedAt, scheduler.now()).compareTo(settings.minPress()) < 0;
        if (tap || !heardVoice) {
            send(new ClientEvent.ClearAudio());
            setState(settled(), null);
            notice(tap ? "Hold the button while you speak." : "No sound from the microphone; check the input device.");
            tools.answerIfOwed(); // a tool's result that waited for the press is spoken now
            return;
        }
        send(new ClientEvent.CommitAudio());
        send(new ClientEvent.CreateResponse());
        speechEndedAt = scheduler.now();
        setState(VoiceState.THINKING, null);
    }

    private void onHandsFree(boolean on) {
        if (handsFree == on) {
            return;
        }
        dropFollowUp(); // the session.update below sets the detection hands-free asks for
        handsFree = on;
        if (transport != null && confirmed) {
            send(new ClientEvent.SessionUpdate(sessionConfig()));
            transport.setMicrophoneLive(on || pressed);
            if (!on && state == VoiceState.LISTENING && !pressed) {
                setState(VoiceState.READY, null);
            }
        }
    }

    private SessionConfig sessionConfig() {
        return handsFree ? SessionConfig.handsFree(settings.handsFreeDetection()) : SessionConfig.pushToTalk();
    }

    /** The user talks over DONNA: stop her, and tell the model how much of her answer was actually heard. */
    private void bargeIn() {
        if (!reply.active()) {
            return;
        }
        long heard = reply.audioStarted ? Math.max(0, transport.playedAudioMillis() - reply.playedBaseline) : 0;
        if (!reply.generated) {
            send(new ClientEvent.CancelResponse(null));
        }
        if (transport.hasServerOutputBuffer()) {
            send(new ClientEvent.ClearOutputAudio());
        }
        transport.stopPlayback();
        if (reply.itemId != null && heard > 0) {
            send(new ClientEvent.TruncateItem(reply.itemId, 0, heard));
        }
        log.debug("Barge-in after {} ms of DONNA's audio", heard);
        record(VoiceEvent.bargeIn(eventId(), scheduler.now(), heard));
        endReplyIfAny(true);
    }

    // ---- server events ----

    private void onEvent(String json) {
        ServerEvent event = RealtimeProtocol.parse(json);
        switch (event) {
            case ServerEvent.SessionUpdated u -> {
                if (!confirmed) {
                    confirmedSession();
                }
            }
            case ServerEvent.SpeechStarted s -> {
                if (followUp == FollowUp.OPEN) {
                    followUp = FollowUp.ANSWERING; // the window's job is done: this is a normal turn now
                    cancel(followUpTimer);
                    safely(() -> listener.onFollowUp(FollowUpWindow.CLOSED));
                    setState(VoiceState.LISTENING, null);
                } else if (handsFree) {
                    if (state == VoiceState.SPEAKING || state == VoiceState.THINKING) {
                        bargeIn();
                    }
                    setState(VoiceState.LISTENING, null);
                }
            }
            case ServerEvent.SpeechStopped s -> {
                if (followUp == FollowUp.ANSWERING && state == VoiceState.LISTENING) {
                    transport.setMicrophoneLive(false); // the server commits the answer and responds by itself
                    speechEndedAt = scheduler.now();
                    setState(VoiceState.THINKING, null);
                } else if (handsFree && state == VoiceState.LISTENING) {
                    speechEndedAt = scheduler.now();
                    setState(VoiceState.THINKING, null); // the server commits and answers by itself
                }
            }
            case ServerEvent.AudioCommitted c -> userItemId = c.itemId() != null ? c.itemId() : userItemId;
            case ServerEvent.InputTranscript t -> heardUser(t.itemId(), t.transcript());
            case ServerEvent.FunctionCallDone call -> tools.called(call, history.chatId(), userItemId);
            case ServerEvent.InputTranscriptFailed f -> notice("Could not transcribe what you said.");
            case ServerEvent.ResponseCreated r -> {
                if (followUp == FollowUp.ANSWERING) {
                    endFollowUp(); // the answer is underway: push-to-talk again for the turns after it
                }
                tools.responseStarted();
                reply.start(r.responseId(), transport.playedAudioMillis());
                reply.keptAnswer = kept.answerStarts();
                if (state == VoiceState.READY) {
                    setState(VoiceState.THINKING, null);
                }
            }
            case ServerEvent.OutputItemAdded o -> {
                // Only a message is spoken (and truncated); a function_call item has no role.
                if (reply.matches(o.responseId()) && reply.itemId == null && "assistant".equals(o.role())) {
                    reply.itemId = o.itemId();
                }
            }
            case ServerEvent.TranscriptDelta d -> {
                if (reply.matches(d.responseId())) {
                    reply.itemId = reply.itemId == null ? d.itemId() : reply.itemId;
                    reply.text.append(d.delta());
                    transcript(VoiceTranscript.Speaker.DONNA, reply.itemId, reply.text.toString(), false, false);
                }
            }
            case ServerEvent.TranscriptDone d -> {
                if (reply.matches(d.responseId())) {
                    reply.finalText = d.transcript();
                }
            }
            case ServerEvent.PlaybackStarted p -> {
                if (reply.matches(p.responseId())) {
                    audioStarted();
                }
            }
            case ServerEvent.PlaybackStopped p -> {
                if (reply.matches(p.responseId()) && reply.generated) {
                    boolean question = reply.audioStarted && FollowUpWindow.asksQuestion(reply.spoken());
                    endReplyIfAny(false);
                    tools.answerIfOwed(); // results that came while she spoke (not after a barge-in: the user talks)
                    if (question) {
                        openFollowUp();
                    }
                }
            }
            case ServerEvent.PlaybackCleared p -> {
                if (reply.matches(p.responseId())) {
                    endReplyIfAny(true);
                }
            }
            case ServerEvent.ResponseDone d -> responseDone(d);
            case ServerEvent.Error e -> serverError(e);
            default -> log.trace("Realtime event not acted on: {}", event);
        }
    }

    private void audioStarted() {
        if (!reply.audioStarted) {
            reply.audioStarted = true;
            reply.playedBaseline = transport.playedAudioMillis();
            // The first answer after the user spoke: how long they waited for her voice.
            replyLatencyMs = speechEndedAt == null ? null
                    : Duration.between(speechEndedAt, scheduler.now()).toMillis();
            speechEndedAt = null;
        }
        if (state == VoiceState.THINKING || state == VoiceState.READY) {
            setState(VoiceState.SPEAKING, null);
        }
    }

    private void responseDone(ServerEvent.ResponseDone done) {
        // First: the turn is not over while its tools work (a cancelled response's tools still answer).
        tools.responseDone(done, history.chatId(), userItemId);
        if (!reply.matches(done.responseId())) {
            return;
        }
        reply.generated = true;
        if ("failed".equals(done.status()) || "incomplete".equals(done.status())) {
            notice("DONNA could not finish her answer" + (done.reason() == null ? "." : ": " + done.reason()));
        }
        if (!reply.audioStarted) {
            endReplyIfAny(!done.completed()); // no audio will come: the turn is over (unless tools work on)
            tools.answerIfOwed();
        }
    }

    private void serverError(ServerEvent.Error e) {
        switch (e.code() == null ? "" : e.code()) {
            // After a barge-in the response may have finished on its own: nothing was left to cancel.
            case "response_cancel_not_active" -> log.debug("Nothing to cancel: {}", e.message());
            // The tools' response.create met a response the server had just started (hands-free): that one reads
            // the outputs, so nothing is lost.
            case "conversation_already_has_active_response" -> log.debug("A response was already running: {}",
                    e.message());
            case "input_audio_buffer_commit_empty" -> {
                record(VoiceEvent.error(eventId(), scheduler.now(), "input_audio_buffer_commit_empty"));
                notice("Didn't catch that; hold the button while you speak.");
                if (state == VoiceState.THINKING && !reply.active()) {
                    setState(settled(), null);
                }
            }
            default -> {
                record(VoiceEvent.error(eventId(), scheduler.now(), VoiceEvent.identifier(e.code())));
                log.warn("Realtime API error {}: {}", e.code(), e.message());
                notice("The voice service reported a problem: " + e.message());
            }
        }
    }

    private void heardUser(String itemId, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        transcript(VoiceTranscript.Speaker.USER, itemId, text.strip(), true, false);
        NewMessage words = NewMessage.voice("user", text.strip());
        remember(words, !kept.holdsWords(itemId, words));
    }

    /** DONNA's turn is over (finished, interrupted, or cut off): show, remember and save what she said. */
    private void endReplyIfAny(boolean interrupted) {
        if (!reply.active()) {
            return;
        }
        String said = reply.spoken().strip();
        String itemId = reply.itemId;
        boolean keptAnswer = reply.keptAnswer;
        if (reply.audioStarted) {
            long audioMs = replyTransport == null ? 0
                    : Math.max(0, replyTransport.playedAudioMillis() - reply.playedBaseline);
            turns++;
            record(VoiceEvent.turn(eventId(), scheduler.now(), replyLatencyMs, audioMs, transportName, interrupted));
            replyLatencyMs = null;
        }
        reply.reset();
        if (!said.isEmpty()) {
            transcript(VoiceTranscript.Speaker.DONNA, itemId, said, true, interrupted);
            if (keptAnswer) {
                kept.answerSaid(); // the typed turn stored this reply already (KeptTurns says why)
            }
            remember(NewMessage.voice("assistant", interrupted ? said + " …" : said), !keptAnswer);
        }
        if (state == VoiceState.SPEAKING || state == VoiceState.THINKING) {
            setState(settled(), null);
        }
    }

    /** Where a turn rests when nothing is being said: listening while held, thinking while tools work, else ready. */
    private VoiceState settled() {
        return pressed ? VoiceState.LISTENING : tools.busy() ? VoiceState.THINKING : VoiceState.READY;
    }

    // ---- the follow-up window (docs/voice.md) ----

    /** DONNA's spoken question finished playing: listen for the answer a few seconds, if allowed. */
    private void openFollowUp() {
        if (!followUpOn || !foreground || handsFree || pressed || followUp != FollowUp.CLOSED || transport == null
                || !confirmed || state != VoiceState.READY || !transport.supportsServerTurnDetection()) {
            return;
        }
        followUp = FollowUp.OPEN;
        followUpEndsAt = scheduler.now().plus(followUpLength);
        send(new ClientEvent.ClearAudio()); // nothing from before the window belongs to the answer
        send(new ClientEvent.SessionUpdate(SessionConfig.handsFree(TurnDetection.SERVER_VAD)));
        transport.setMicrophoneLive(true);
        log.debug("Follow-up window open for {} ms", followUpLength.toMillis());
        followUpTick();
    }

    /** Reports the seconds left and schedules the next report, or closes the window when its time is up. */
    private void followUpTick() {
        if (followUp != FollowUp.OPEN) {
            return;
        }
        long leftMs = Duration.between(scheduler.now(), followUpEndsAt).toMillis();
        if (leftMs <= 0) {
            endFollowUp(); // nothing was said: push-to-talk again
            return;
        }
        int seconds = (int) ((leftMs + 999) / 1000);
        safely(() -> listener.onFollowUp(new FollowUpWindow(true, seconds)));
        long untilNext = leftMs - (seconds - 1) * 1000L; // the next whole second, or the end
        followUpTimer = scheduler.schedule(Duration.ofMillis(untilNext), this::followUpTick);
    }

    /** Closes the window, if open or being answered: the microphone off, push-to-talk restored on the server. */
    private void endFollowUp() {
        FollowUp was = followUp;
        if (was == FollowUp.CLOSED) {
            return;
        }
        dropFollowUp();
        if (transport != null && confirmed) {
            send(new ClientEvent.SessionUpdate(sessionConfig()));
            if (!pressed && !handsFree) {
                transport.setMicrophoneLive(false);
                if (was == FollowUp.OPEN || state == VoiceState.LISTENING) {
                    send(new ClientEvent.ClearAudio()); // no half-heard answer lingers for the next press
                }
            }
        }
        if (state == VoiceState.LISTENING && !pressed && !handsFree) {
            setState(settled(), null);
        }
    }

    /** Forgets the window without telling the server (the connection is gone or is being reconfigured). */
    private void dropFollowUp() {
        FollowUp was = followUp;
        followUp = FollowUp.CLOSED;
        cancel(followUpTimer);
        followUpTimer = null;
        if (was == FollowUp.OPEN) {
            safely(() -> listener.onFollowUp(FollowUpWindow.CLOSED));
        }
    }

    // ---- history ----

    /** Keeps the message for a reconnect's context and, when {@code save}, in the chat history. */
    private void remember(NewMessage message, boolean save) {
        recent.addLast(message);
        while (recent.size() > settings.restoreItems()) {
            recent.removeFirst();
        }
        if (save) {
            saveTranscript(message);
        }
    }

    private void saveTranscript(NewMessage message) {
        if (!transcriptsKept) {
            history.save(message);
        }
    }

    // ---- plumbing ----

    private void stop(VoiceState next, String detail) {
        use++;
        generation++;
        closeTransport();
        cancel(confirmTimer);
        cancel(reconnectTimer);
        cancel(remintTimer);
        cancel(levelTimer);
        endReplyIfAny(true);
        pressed = false;
        metering.unused(spare);
        spare = null;
        reconnectAttempt = 0;
        metering.end();
        if (eventSession != null) {
            long seconds = useStartedAt == null ? 0 : Duration.between(useStartedAt, scheduler.now()).toSeconds();
            record(VoiceEvent.ended(eventSession, scheduler.now(), seconds, turns));
            eventSession = null;
        }
        speechEndedAt = null;
        setState(next, detail);
    }

    // ---- the voice events log: what is recorded, never what was said ----

    /** This use's id in the log: the metered session's when a connection opened with one, else a random UUID. */
    private String eventId() {
        if (eventSession == null) {
            eventSession = UUID.randomUUID().toString();
        }
        return eventSession;
    }

    private void record(VoiceEvent event) {
        try {
            events.record(event);
        } catch (RuntimeException e) {
            log.debug("Voice event not recorded: {}", e.getMessage()); // the log must never hurt the conversation
        }
    }

    private void closeTransport() {
        dropFollowUp();
        tools.reset(); // a new connection is a new conversation: old calls cannot be answered there
        userItemId = null;
        RealtimeTransport t = transport;
        transport = null;
        transportView = null;
        if (t != null) {
            t.close();
        }
    }

    private void send(ClientEvent event) {
        if (transport != null) {
            transport.send(RealtimeProtocol.write(event));
        }
    }

    private void setState(VoiceState next, String detail) {
        if (next == state && Objects.equals(detail, stateDetail)) {
            return;
        }
        state = next;
        stateDetail = detail;
        stateView = next;
        if (next == VoiceState.FAILED) {
            log.warn("Voice session failed: {}", detail);
        }
        safely(() -> listener.onState(next, detail));
    }

    private void transcript(VoiceTranscript.Speaker speaker, String itemId, String text, boolean done,
            boolean interrupted) {
        VoiceTranscript t = new VoiceTranscript(speaker, itemId, text, done, interrupted);
        safely(() -> listener.onTranscript(t));
    }

    private void notice(String message) {
        safely(() -> listener.onNotice(message));
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("Voice session listener failed", e);
        }
    }

    private static void cancel(VoiceScheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    /** What went wrong in words a person can read (the service's own message when it sent one). */
    static String readable(RuntimeException e) {
        if (e instanceof donna.core.api.ServiceException s) {
            return s.error().message();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Events of one connection, tagged with its generation so a replaced connection's stragglers are ignored. */
    private final class Connection implements TransportListener {
        private final int gen;

        Connection(int gen) {
            this.gen = gen;
        }

        @Override
        public void onEvent(String eventJson) {
            scheduler.execute(() -> {
                if (gen == generation && transport != null) {
                    VoiceSession.this.onEvent(eventJson);
                }
            });
        }

        @Override
        public void onFirstAudioFrame() {
            scheduler.execute(() -> {
                if (gen == generation && transport != null && reply.active()) {
                    audioStarted();
                }
            });
        }

        @Override
        public void onClosed(String reason, boolean failure) {
            scheduler.execute(() -> transportClosed(gen, reason, failure));
        }

        @Override
        public String chatId() {
            return history.chatId();
        }

        @Override
        public void onChatSession(String chatId) {
            current(() -> {
                if (chatId != null && !chatId.equals(history.chatId())) {
                    history.useChat(chatId);
                    safely(() -> listener.onChatSession(chatId));
                }
            });
        }

        @Override
        public void onToolStep(ToolStep step) {
            current(() -> safely(() -> listener.onToolStep(step)));
        }

        @Override
        public void onToolAction(ToolAction action) {
            current(() -> safely(() -> listener.onToolAction(action)));
        }

        @Override
        public void onNotice(String message) {
            // Also while connecting: a transport may say why it changed course ("GPT-Live is not available").
            scheduler.execute(() -> {
                if (gen == generation) {
                    notice(message);
                }
            });
        }

        @Override
        public void onPath(String description) {
            scheduler.execute(() -> {
                if (gen == generation) {
                    safely(() -> listener.onPath(description));
                }
            });
        }

        /** Runs on the scheduler while this is still the session's connection. */
        private void current(Runnable action) {
            scheduler.execute(() -> {
                if (gen == generation && transport != null) {
                    action.run();
                }
            });
        }
    }

    /** How the tool calls reach the wire, the state and the listener. */
    private final class ToolSeat implements ToolTurns.Session {
        @Override
        public void send(ClientEvent event) {
            VoiceSession.this.send(event);
        }

        @Override
        public boolean mayAskForAnswer() {
            return transport != null && confirmed && !reply.active() && !pressed && state != VoiceState.LISTENING;
        }

        @Override
        public void askedForAnswer() {
            setState(VoiceState.THINKING, null);
        }

        @Override
        public void step(ToolStep step) {
            listener.onToolStep(step);
        }

        @Override
        public void actions(java.util.List<ToolAction> actions) {
            listener.onToolActions(actions);
        }

        @Override
        public void turnHandedOver(String callId, String userItemId) {
            kept.handedOver(callId, userItemId);
        }

        @Override
        public void turnKept(String callId, String keptInChat) {
            if (keptInChat != null && history.chatId() == null) {
                // The typed turn started the chat: the transcripts after it belong there too.
                history.useChat(keptInChat);
                safely(() -> listener.onChatSession(keptInChat));
            }
            kept.finished(callId, keptInChat != null).ifPresent(VoiceSession.this::saveTranscript);
        }

        @Override
        public void keptTurnAnswered() {
            kept.answerRequested();
        }

        @Override
        public void ran(String tool, Duration took, String errorCode) {
            if (eventSession != null) {
                record(VoiceEvent.toolCall(eventSession, scheduler.now(), tool, took.toMillis(), errorCode));
            }
        }
    }

    /** What a session needs; all but {@code random}, {@code settings} and the tools are required. */
    public static final class Builder {
        private Supplier<URI> baseUrl;
        private TokenSource tokens;
        private RealtimeTransportFactory transports;
        private TranscriptStore store;
        private VoiceScheduler scheduler;
        private Executor io;
        private VoiceSettings settings = VoiceSettings.defaults();
        private VoiceSessionListener listener;
        private DoubleSupplier random = Math::random;
        private ToolRunner toolRunner = ToolRunner.unavailable();
        private Duration toolTimeout = Duration.ofSeconds(45);
        private VoiceMeter meter = VoiceMeter.NONE;
        private VoiceEventLog.Sink events = VoiceEventLog.Sink.NONE;
        private Duration followUpWindow = Duration.ofSeconds(5);

        private Builder() {}

        /** How long the follow-up window after a question listens (default 5 s); the option itself is off. */
        public Builder followUpWindow(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("followUpWindow must be positive");
            }
            this.followUpWindow = value;
            return this;
        }

        /**
         * Reports the session's events (timings, counts, names and codes; never what was said) to the service's
         * voice events log, batched, on {@code io} (default: records nothing).
         */
        public Builder events(VoiceEventLog.Sink value) {
            this.events = Objects.requireNonNull(value, "events");
            return this;
        }

        /** Reports metered sessions' heartbeats and ends to the service (default: reports nothing). */
        public Builder meter(VoiceMeter value) {
            this.meter = Objects.requireNonNull(value, "meter");
            return this;
        }

        /** Runs the tools the model calls (default: every call answers that tools are unavailable). */
        public Builder tools(ToolRunner value) {
            this.toolRunner = Objects.requireNonNull(value, "tools");
            return this;
        }

        /** A tool that has not answered after this is answered for, with a {@code tool_timeout} error. */
        public Builder toolTimeout(Duration value) {
            this.toolTimeout = Objects.requireNonNull(value, "toolTimeout");
            return this;
        }

        /** OPENAI_BASE_URL: where transports connect. */
        public Builder baseUrl(URI value) {
            Objects.requireNonNull(value, "baseUrl");
            this.baseUrl = () -> value;
            return this;
        }

        /** OPENAI_BASE_URL, asked (off the UI thread) at every connection: it may start something to answer. */
        public Builder baseUrl(Supplier<URI> value) {
            this.baseUrl = value;
            return this;
        }

        public Builder tokens(TokenSource value) {
            this.tokens = value;
            return this;
        }

        public Builder transports(RealtimeTransportFactory value) {
            this.transports = value;
            return this;
        }

        public Builder store(TranscriptStore value) {
            this.store = value;
            return this;
        }

        public Builder scheduler(VoiceScheduler value) {
            this.scheduler = value;
            return this;
        }

        /** Runs blocking work (mint, connect, save); any executor, a same-thread one in tests. */
        public Builder io(Executor value) {
            this.io = value;
            return this;
        }

        public Builder settings(VoiceSettings value) {
            this.settings = value;
            return this;
        }

        public Builder listener(VoiceSessionListener value) {
            this.listener = value;
            return this;
        }

        /** Jitter source, 0..1 (tests pin it). */
        public Builder random(DoubleSupplier value) {
            this.random = value;
            return this;
        }

        public VoiceSession build() {
            return new VoiceSession(this);
        }
    }
}
