package donna.core.today;

import java.time.Instant;

/**
 * A message DONNA took for the person (the {@code take_message} tool, in a voice or typed turn): who called, how to
 * reach them, what they said, by when they want a call back. Their words are data, shown as written.
 *
 * @param callbackBy by when the caller wants an answer, as they said it ("before 5 pm Friday"); null when not said
 * @param takenAt    when DONNA took it (null when the service did not say)
 */
public record TakenMessage(String id, String callerName, String contact, String message, String callbackBy,
        boolean done, Instant takenAt) {}
