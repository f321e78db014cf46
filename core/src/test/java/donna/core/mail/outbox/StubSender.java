package donna.core.mail.outbox;

import donna.core.mail.OutgoingMail;
import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.mail.SendResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stands in for the service's send route: answers from a script (then "sent" by default) and records every call.
 * The Message-ID it returns is derived from the key, as the service's is.
 */
final class StubSender implements MailSender {
    record Call(OutgoingMail mail, String key) {}

    final List<Call> calls = new ArrayList<>();
    private final Deque<Supplier<RuntimeException>> script = new ArrayDeque<>();

    /** The next call fails with this status and code. */
    StubSender thenFail(int status, String code, String message) {
        return thenFail(status, code, message, null);
    }

    StubSender thenFail(int status, String code, String message, Duration retryAfter) {
        script.add(() -> new ServiceException(new ServiceError(status, code, message, "trace-1"), null, retryAfter));
        return this;
    }

    /** The next call succeeds. */
    StubSender thenSend() {
        script.add(() -> null);
        return this;
    }

    @Override
    public SendResult send(OutgoingMail mail, String idempotencyKey) {
        calls.add(new Call(mail, idempotencyKey));
        Supplier<RuntimeException> next = script.poll();
        RuntimeException failure = next == null ? null : next.get();
        if (failure != null) {
            throw failure;
        }
        return new SendResult("sent", "g-" + calls.size(), "t-" + calls.size(), messageId(idempotencyKey), false);
    }

    static String messageId(String key) {
        return "<" + key + "@donna.test>";
    }

    List<String> subjects() {
        return calls.stream().map(c -> c.mail().subject()).toList();
    }
}
