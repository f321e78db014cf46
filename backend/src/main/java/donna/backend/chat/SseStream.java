package donna.backend.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.http.ApiException;
import donna.backend.http.DatabaseOutage;
import donna.backend.http.ErrorReports;
import donna.backend.http.ErrorEnvelope;
import donna.backend.http.TraceIds;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streamed form of a chat reply: {@code delta} events as text arrives and {@code tool} events as tool steps
 * start and end, then one {@code done} event with the contract object. Until the first byte is sent a failure is still an ordinary error response; after it, the
 * failure travels as an {@code error} event carrying the envelope (the status line is gone by then).
 */
public final class SseStream implements TurnEvents {
    private static final Logger log = LoggerFactory.getLogger(SseStream.class);

    private final Context ctx;
    private final ObjectMapper mapper;
    private OutputStream out;
    private boolean clientGone;

    public SseStream(Context ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
    }

    /** Runs {@code work}, whose answer is the {@code done} event; events it sends meanwhile go out as they come. */
    public <T> void run(Function<SseStream, T> work) {
        T reply;
        try {
            reply = work.apply(this);
        } catch (ApiException e) {
            if (out == null) {
                throw e;
            }
            send("error", errorBody(e));
            return;
        } catch (RuntimeException e) {
            if (out == null) {
                throw e;
            }
            if (DatabaseOutage.is(e)) {
                // The turn could not be saved: the client retries it (nothing was persisted, so no double).
                log.warn("Chat stream: database unavailable after it began: {}", DatabaseOutage.describe(e));
                send("error", errorBody(new ApiException(503, DatabaseOutage.CODE, DatabaseOutage.MESSAGE)));
                return;
            }
            log.error("Chat stream failed after it began: {}", e.getClass().getName());
            ErrorReports.serverError(500, "internal_error", "POST", ctx.path(), TraceIds.of(ctx), e);
            send("error", errorBody(new ApiException(500, "internal_error",
                    "The reply was interrupted; try again")));
            return;
        }
        send("done", reply);
    }

    /** The standard envelope, carried as the data of an error event. */
    private Map<String, Object> errorBody(ApiException e) {
        return ErrorEnvelope.body(e.code(), e.getMessage(), TraceIds.of(ctx));
    }

    @Override
    public void delta(String text) {
        send("delta", Map.of("text", text));
    }

    @Override
    public void tool(String callId, String name, String status, String summary) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("call_id", callId);
        data.put("name", name);
        data.put("status", status);
        data.put("summary", summary);
        send("tool", data);
    }

    /** One event; safe from any thread (a spoken reply's audio is made beside its text). */
    public synchronized void send(String name, Object data) {
        if (clientGone) {
            return;
        }
        try {
            if (out == null) {
                ctx.status(200).contentType("text/event-stream; charset=utf-8");
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Accel-Buffering", "no");
                out = ctx.res().getOutputStream();
            }
            byte[] json = mapper.writeValueAsBytes(data);
            out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // The client went away: the reply is still generated and persisted, so it is in the history.
            log.info("Chat stream client disconnected; finishing the turn without it");
            clientGone = true;
        }
    }
}
