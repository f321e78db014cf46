package donna.core.mail;

import java.util.List;

/**
 * A reply DONNA drafted ({@code POST /api/gmail/draft-reply}); never sent by itself.
 *
 * @param replyToMessageId the Gmail id of the message it answers: pass it on in {@link OutgoingMail}
 */
public record DraftReply(List<String> to, List<String> cc, String subject, String body, String replyToMessageId) {
    public DraftReply {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }
}
