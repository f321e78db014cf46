package donna.backend.http;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Errors reach the team through Sentry ({@code SENTRY_DSN}; off when empty), with nothing personal in them: no
 * message text, mail content, addresses, tokens, request data, user or host name. What an event keeps: the
 * exception types and stack frames, our own error code and status, the route template, the trace id, release and
 * environment. One Sentry per process: the desktop app and its bundled service share it.
 */
public final class ErrorReports {
    private static final AtomicBoolean OWNED = new AtomicBoolean();

    private ErrorReports() {}

    /**
     * Starts reporting unless the DSN is empty or this process already reports (the app started it first).
     *
     * @return true when this call started it (the caller then closes it)
     */
    public static boolean start(String dsn, String release, String environment) {
        if (dsn == null || dsn.isBlank() || Sentry.isEnabled()) {
            return false;
        }
        Sentry.init(options -> {
            options.setDsn(dsn);
            options.setRelease(release);
            options.setEnvironment(environment);
            options.setSendDefaultPii(false);
            options.setAttachServerName(false);
            options.setAttachThreads(false);
            options.setBeforeBreadcrumb((breadcrumb, hint) -> null);
            options.setBeforeSend((event, hint) -> scrub(event));
        });
        OWNED.set(true);
        return true;
    }

    /** Sends what is queued (at most {@code millis}) and stops, if {@link #start} started it. */
    public static void stop(long millis) {
        if (OWNED.compareAndSet(true, false) && Sentry.isEnabled()) {
            Sentry.flush(millis);
            Sentry.close();
        }
    }

    /**
     * One 5xx the service answered: the cause's types and frames (when there is one), the status, our code, the
     * route template (never the path with its ids) and the trace id the client saw.
     */
    public static void serverError(int status, String code, String method, String route, String traceId,
            Throwable cause) {
        if (!Sentry.isEnabled()) {
            return;
        }
        SentryEvent event = cause == null ? new SentryEvent() : new SentryEvent(cause);
        event.setLevel(status >= 500 && status != 503 ? SentryLevel.ERROR : SentryLevel.WARNING);
        Message message = new Message();
        message.setFormatted(status + " " + code + " on " + method + " " + route);
        event.setMessage(message);
        event.setTag("http.status", Integer.toString(status));
        event.setTag("error.code", code);
        event.setTag("route", method + " " + route);
        event.setTag("trace_id", traceId);
        event.setFingerprints(java.util.List.of(code, method + " " + route));
        Sentry.captureEvent(event);
    }

    /** The last word on what leaves: everything that can carry personal data goes, whoever built the event. */
    static SentryEvent scrub(SentryEvent event) {
        event.setRequest(null);
        event.setUser(null);
        event.setServerName(null);
        event.setBreadcrumbs(null);
        event.getExtras();
        event.setExtras(null);
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                // Exception messages carry data (an address that failed, a statement's arguments, a token).
                exception.setValue(null);
            }
        }
        Message message = event.getMessage();
        if (message != null && message.getFormatted() != null && !message.getFormatted().matches(
                "\\d{3} [a-z_]+ on [A-Z]+ [\\w/{}<>.:*-]+")) {
            // A free-text message (from a logger, an uncaught error) may quote anything: only ours go out.
            message.setFormatted(null);
            message.setMessage(null);
            message.setParams(null);
        }
        return event;
    }
}
