package donna.backend.http;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/** Every request gets a trace id: in the X-Trace-Id header, in error envelopes and in every log line it causes. */
public final class TraceIds {
    public static final String HEADER = "X-Trace-Id";
    private static final String ATTRIBUTE = "donna.traceId";
    private static final String MDC_KEY = "traceId";

    private TraceIds() {}

    public static void assign(Context ctx) {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
    }
}
