package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.mail.DraftReply;
import donna.core.mail.MailMessage;
import donna.core.mail.OutgoingMail;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.mail.outbox.OutboxStateException;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The composer: a new mail, a reply, or a queued mail being edited. "Draft with DONNA" fills it with her draft of a
 * reply and never sends; Send writes the mail to the outbox (durable at once, sent when the service and Gmail are
 * reachable), then asks for a flush.
 */
public final class ComposeViewModel {
    private static final long NOT_EDITING = -1;

    private final MailService service;
    private final Outbox outbox;
    private final TaskExecutor tasks;
    private final Runnable afterQueued;
    private final StringProperty to = new SimpleStringProperty("");
    private final StringProperty cc = new SimpleStringProperty("");
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty instructions = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper drafting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("New mail");
    private final ReadOnlyStringWrapper replyTo = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final BooleanBinding canSend;
    private final BooleanBinding canDraft;
    private long editing = NOT_EDITING;

    /** @param afterQueued run after a mail is in the outbox (blocking is fine: it runs through the executor) */
    public ComposeViewModel(MailService service, Outbox outbox, TaskExecutor tasks, Runnable afterQueued) {
        this.service = service;
        this.outbox = outbox;
        this.tasks = tasks;
        this.afterQueued = afterQueued;
        this.canSend = Bindings.createBooleanBinding(() -> open.get() && !drafting.get() && !saving.get()
                && !to.get().isBlank(), open, drafting, saving, to);
        this.canDraft = Bindings.createBooleanBinding(() -> open.get() && !drafting.get() && replyTo.get() != null,
                open, drafting, replyTo);
    }

    public StringProperty toProperty() {
        return to;
    }

    public StringProperty ccProperty() {
        return cc;
    }

    public StringProperty subjectProperty() {
        return subject;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    /** Optional hints for DONNA's draft ("decline politely", "propose Friday"). */
    public StringProperty instructionsProperty() {
        return instructions;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty draftingProperty() {
        return drafting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The Gmail id of the message this answers, or null. */
    public ReadOnlyStringProperty replyToProperty() {
        return replyTo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    public BooleanBinding canDraftProperty() {
        return canDraft;
    }

    // ---- Commands

    public void newMail() {
        start("New mail", "", "", "", null, NOT_EDITING);
    }

    /** A new mail from a mailto link in a mail: the address (and subject) filled in, nothing sent. */
    public void mailTo(String address, String subjectText) {
        start("New mail", address, "", subjectText, null, NOT_EDITING);
    }

    public void reply(MailMessage m) {
        String s = m.subject() == null ? "" : m.subject();
        start("Reply", Addresses.bare(m.from()), "", s.toLowerCase(Locale.ROOT).startsWith("re:") ? s : "Re: " + s,
                m.id(), NOT_EDITING);
    }

    /** A reply with DONNA's draft in it; the person edits and sends (or not). */
    public void replyWithDraft(MailMessage m) {
        reply(m);
        draftWithDonna();
    }

    /**
     * A mail DONNA drafted in chat, to finish here ("Open in Mail" on its card); Send queues it as any mail written
     * here. {@code replyToId}: the Gmail id of the mail it answers, or null.
     */
    public void openDraft(List<String> toList, List<String> ccList, String subjectText, String bodyText,
                          String replyToId) {
        start(replyToId == null ? "New mail" : "Reply", Addresses.join(toList), Addresses.join(ccList), subjectText,
                replyToId, NOT_EDITING);
        body.set(bodyText == null ? "" : bodyText);
    }

    /** Edits a mail still waiting in the outbox (queued or failed). */
    public void edit(OutboxEntry entry) {
        OutgoingMail m = entry.mail();
        start("Edit mail " + entry.id() + " in the outbox", Addresses.join(m.to()), Addresses.join(m.cc()),
                m.subject(), m.replyToMessageId(), entry.id());
        body.set(m.body());
    }

    public void draftWithDonna() {
        String messageId = replyTo.get();
        if (messageId == null || drafting.get()) {
            return;
        }
        drafting.set(true);
        error.set(null);
        String hints = instructions.get();
        tasks.submit(() -> service.draftReply(messageId, hints), (DraftReply d) -> {
            drafting.set(false);
            if (!open.get() || !messageId.equals(replyTo.get())) {
                return; // closed or moved on meanwhile
            }
            if (!d.to().isEmpty()) {
                to.set(Addresses.join(d.to()));
            }
            cc.set(Addresses.join(d.cc()));
            if (d.subject() != null && !d.subject().isBlank()) {
                subject.set(d.subject());
            }
            body.set(d.body() == null ? "" : d.body());
        }, failure -> {
            drafting.set(false);
            error.set("DONNA could not draft a reply. " + ErrorText.of(failure));
        });
    }

    /** Into the outbox; it goes out when the service and Gmail are reachable. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        OutgoingMail mail = new OutgoingMail(Addresses.parse(to.get()), Addresses.parse(cc.get()), List.of(),
                subject.get(), body.get(), replyTo.get());
        long id = editing;
        saving.set(true);
        error.set(null);
        tasks.submit(() -> id == NOT_EDITING ? outbox.queue(mail) : outbox.edit(id, mail), queued -> {
            saving.set(false);
            close();
            tasks.run(afterQueued);
        }, failure -> {
            saving.set(false);
            error.set(failure instanceof IllegalArgumentException || failure instanceof OutboxStateException
                    ? failure.getMessage() : "Could not save the mail. " + ErrorText.of(failure));
        });
    }

    public void discard() {
        close();
    }

    // ---- Internals

    private void start(String heading, String toField, String ccField, String subjectField, String replyToId,
                       long editingId) {
        title.set(heading);
        to.set(toField);
        cc.set(ccField);
        subject.set(subjectField == null ? "" : subjectField);
        body.set("");
        instructions.set("");
        replyTo.set(replyToId);
        editing = editingId;
        error.set(null);
        open.set(true);
    }

    private void close() {
        open.set(false);
        editing = NOT_EDITING;
        replyTo.set(null);
    }
}
