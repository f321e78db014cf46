package donna.core.voice;

import donna.core.api.ServiceException;
import donna.core.voice.protocol.ClientEvent;
import donna.core.voice.protocol.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function calls of a {@link VoiceSession}'s responses: each finished call runs once (by call id) on {@code io}
 * through the {@link ToolRunner}, the calls of one response in parallel; when the response is done and every call
 * of it has a result, each result goes back as a {@code function_call_output} and then, when the session may ask,
 * ONE {@code response.create}, so DONNA speaks the results.
 *
 * <p>When the session may not ask (the user holds push-to-talk or is speaking, or an answer is playing) the answer
 * is owed: the next response anyone creates reads the outputs anyway, and when the session comes free first it asks.
 * A barge-in therefore never loses a result. Called on the scheduler's thread only, like the session.
 */
final class ToolTurns {
    private static final Logger log = LoggerFactory.getLogger(ToolTurns.class);

    /** What the session lends this: the wire, whether it may ask for an answer now, and the listener. */
    interface Session {
        void send(ClientEvent event);

        /** Connected, no response in progress, nobody talking: a {@code response.create} now is welcome. */
        boolean mayAskForAnswer();

        /** A {@code response.create} for the tools' results went out. */
        void askedForAnswer();

        void step(ToolStep step);

        /** What one call produced for the person (each a card), together: one turn's cards are made at once. */
        void actions(List<ToolAction> actions);

        /** A call of a tool that keeps its own turn ({@link ToolRunner#keepsTurn}) started for this user item. */
        default void turnHandedOver(String callId, String userItemId) {
        }

        /**
         * That call finished: {@code keptInChat} is the chat the tool stored the turn in, or null when it stored
         * nothing (it failed). Reported whatever became of the connection (what a tool stored is real).
         */
        default void turnKept(String callId, String keptInChat) {
        }

        /** A kept turn's result went back to the model: the answer it gives next speaks what the chat already has. */
        default void keptTurnAnswered() {
        }

        /** A call finished: how long it took, and its error code when it failed (for the voice events log). */
        default void ran(String tool, Duration took, String errorCode) {
        }
    }

    private final ToolRunner runner;
    private final VoiceScheduler scheduler;
    private final Executor io;
    private final Duration timeout;
    private final Session session;

    /** The calls of each response not yet answered, by response id, oldest first. */
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    /** Outputs went out but no response has read them yet. */
    private boolean owed;
    /** Bumped when the connection is replaced: results of an older one are shown but not sent. */
    private int epoch;

    ToolTurns(ToolRunner runner, VoiceScheduler scheduler, Executor io, Duration timeout, Session session) {
        this.runner = runner;
        this.scheduler = scheduler;
        this.io = io;
        this.timeout = timeout;
        this.session = session;
    }

    /** Tools are running, or their results wait to be spoken: the turn is not over. */
    boolean busy() {
        return owed || !batches.isEmpty();
    }

    /** The model finished a function call (any of the events that say so); runs it unless it ran already. */
    void called(ServerEvent.FunctionCallDone call, String chatId, String userItemId) {
        if (call.callId() == null || call.name() == null || !call.complete()) {
            return; // the name comes with the output item; an incomplete item belongs to a cancelled response
        }
        if (!seen.add(call.callId())) {
            return;
        }
        String responseId = call.responseId() == null ? "" : call.responseId();
        Batch batch = batches.computeIfAbsent(responseId, id -> new Batch(epoch));
        Call running = new Call(call.callId(), call.name(), scheduler.now(), keepsTurn(call.name()));
        batch.calls.put(call.callId(), running);
        if (running.keepsTurn) {
            safely(() -> session.turnHandedOver(call.callId(), userItemId));
        }
        log.debug("Voice tool {} called ({})", call.name(), call.callId());
        safely(() -> session.step(new ToolStep(call.callId(), call.name(), ToolStep.Status.RUNNING, null)));
        running.timer = scheduler.schedule(timeout, () -> finished(batch, running, ToolResult.error("tool_timeout",
                "The tool " + call.name() + " did not answer within " + timeout.toSeconds() + " s")));
        String arguments = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
        io.execute(() -> {
            CompletableFuture<ToolResult> future;
            try {
                future = runner.run(call.name(), arguments, call.callId(), chatId, userItemId);
                if (future == null) {
                    future = CompletableFuture.failedFuture(new IllegalStateException("the tool runner gave nothing"));
                }
            } catch (RuntimeException e) {
                future = CompletableFuture.failedFuture(e);
            }
            future.whenComplete((result, failure) -> scheduler.execute(() -> finished(batch, running,
                    failure != null || result == null ? failed(call.name(), failure) : result)));
        });
    }

    /** The response is done: no more calls will come in it, so its results can be answered once all are in. */
    void responseDone(ServerEvent.ResponseDone done, String chatId, String userItemId) {
        done.calls().forEach(call -> called(call, chatId, userItemId));
        Batch batch = batches.get(done.responseId() == null ? "" : done.responseId());
        if (batch != null) {
            batch.responseDone = true;
            answerIfComplete(done.responseId() == null ? "" : done.responseId(), batch);
        }
    }

    /** A response began: it reads every output sent before it, so nothing is owed any more. */
    void responseStarted() {
        owed = false;
    }

    /** The session came free (an answer ended, a press was only a tap): ask for the owed answer now. */
    void answerIfOwed() {
        if (owed && session.mayAskForAnswer()) {
            owed = false;
            session.send(new ClientEvent.CreateResponse());
            safely(session::askedForAnswer);
        }
    }

    /**
     * The connection is gone (a new one is a new conversation): nothing more is sent for the calls made in it. Tools
     * still running finish, and their steps and actions are still reported (a draft made is real).
     */
    void reset() {
        epoch++;
        batches.values().forEach(b -> b.calls.values().forEach(c -> cancel(c.timer)));
        batches.clear();
        seen.clear();
        owed = false;
    }

    private void finished(Batch batch, Call call, ToolResult result) {
        if (call.result != null) {
            return; // timed out first, or answered twice
        }
        call.result = result;
        cancel(call.timer);
        boolean failed = result.failed();
        safely(() -> session.ran(call.name, Duration.between(call.startedAt, scheduler.now()),
                failed ? result.errorCode() : null));
        String summary = failed ? result.errorMessage() : result.summary();
        safely(() -> session.step(new ToolStep(call.callId, call.name,
                failed ? ToolStep.Status.FAILED : ToolStep.Status.DONE, summary)));
        List<ToolAction> made = result.produced().stream().filter(p -> !"chat".equals(p.action()))
                .map(p -> new ToolAction(call.callId, call.name, p.action(), p.cardJson())).toList();
        if (!made.isEmpty()) {
            safely(() -> session.actions(made));
        }
        if (call.keepsTurn) {
            String keptIn = failed ? null : result.keptInChat();
            safely(() -> session.turnKept(call.callId, keptIn));
        }
        if (batch.epoch != epoch) {
            return;
        }
        batches.entrySet().stream().filter(e -> e.getValue() == batch).map(Map.Entry::getKey).findFirst()
                .ifPresent(id -> answerIfComplete(id, batch));
    }

    /** Every call of a finished response has its result: send them all, then ask for one answer. */
    private void answerIfComplete(String responseId, Batch batch) {
        if (!batch.responseDone || batch.calls.values().stream().anyMatch(c -> c.result == null)) {
            return;
        }
        batches.remove(responseId);
        List<Call> calls = new ArrayList<>(batch.calls.values());
        for (Call c : calls) {
            session.send(new ClientEvent.FunctionCallOutput(c.callId, c.result.outputJson()));
        }
        if (calls.stream().anyMatch(c -> c.keepsTurn && !c.result.failed() && c.result.keptInChat() != null)) {
            safely(session::keptTurnAnswered);
        }
        owed = true;
        answerIfOwed();
    }

    private boolean keepsTurn(String name) {
        try {
            return runner.keepsTurn(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ToolResult failed(String name, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ServiceException s) {
            return ToolResult.error(s.error().code() == null ? "tool_failed" : s.error().code(), s.error().message());
        }
        String message = cause == null || cause.getMessage() == null || cause.getMessage().isBlank()
                ? "the tool " + name + " failed" : cause.getMessage();
        log.info("Voice tool {} failed: {}", name, message);
        return ToolResult.error("tool_failed", message);
    }

    private static void cancel(VoiceScheduler.Cancellable c) {
        if (c != null) {
            c.cancel();
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("Voice session listener failed", e);
        }
    }

    /** The calls of one response. */
    private static final class Batch {
        final int epoch;
        final Map<String, Call> calls = new LinkedHashMap<>();
        boolean responseDone;

        Batch(int epoch) {
            this.epoch = epoch;
        }
    }

    /** One call: running until its result (or its timeout) arrives. */
    private static final class Call {
        final String callId;
        final String name;
        final java.time.Instant startedAt;
        /** The tool runs the whole turn as a typed turn, which the chat keeps ({@link ToolRunner#keepsTurn}). */
        final boolean keepsTurn;
        ToolResult result;
        VoiceScheduler.Cancellable timer;

        Call(String callId, String name, java.time.Instant startedAt, boolean keepsTurn) {
            this.callId = callId;
            this.name = name;
            this.startedAt = startedAt;
            this.keepsTurn = keepsTurn;
        }
    }
}
