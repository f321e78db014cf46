package donna.app.actions;

import donna.app.common.TaskExecutor;
import donna.app.mail.Addresses;
import donna.core.tools.Draft;
import donna.core.tools.DraftEdit;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A draft DONNA wrote, as an editable card: To, Cc, Subject, Body; Send, Open in Mail, Discard. Send is the person's
 * yes: the edits are saved, the service is asked to send (a pending action) and the action confirmed, and the mail
 * goes into the outbox under the draft's id. Nothing leaves before that click.
 */
public final class DraftCardViewModel extends SendCard implements CardItem {
    private final Draft draft;
    private final Consumer<Draft> openInMail;
    private final StringProperty to = new SimpleStringProperty();
    private final StringProperty cc = new SimpleStringProperty();
    private final StringProperty subject = new SimpleStringProperty();
    private final StringProperty body = new SimpleStringProperty();
    private final BooleanBinding editable;
    private final BooleanBinding canSend;

    DraftCardViewModel(Draft draft, ActionService service, CardOutbox outbox, TaskExecutor tasks,
                       Consumer<Draft> openInMail) {
        super(service, outbox, tasks);
        this.draft = draft;
        this.openInMail = openInMail;
        to.set(Addresses.join(draft.to()));
        cc.set(Addresses.join(draft.cc()));
        subject.set(draft.subject());
        body.set(draft.body());
        editable = state.isEqualTo(CardState.OPEN);
        canSend = Bindings.createBooleanBinding(() -> editable.get() && !to.get().isBlank(), editable, to);
    }

    public String draftId() {
        return draft.id();
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

    /** The fields may be changed: until Send or Discard. */
    public BooleanBinding editableProperty() {
        return editable;
    }

    public BooleanBinding canSendProperty() {
        return canSend;
    }

    /** A reply to a mail (threaded when sent). */
    public boolean isReply() {
        return draft.replyToMessageId() != null || draft.inReplyTo() != null;
    }

    /** The draft as the person has it now, edits included. */
    public Draft current() {
        return new Draft(draft.id(), Addresses.parse(to.get()), Addresses.parse(cc.get()), subject.get(), body.get(),
                draft.inReplyTo(), draft.threadId(), draft.replyToMessageId(), draft.status(), draft.createdAt(),
                draft.updatedAt());
    }

    /** Copies the draft into the Mail pane's composer, to finish it there. */
    public void openInMail() {
        openInMail.accept(current());
    }

    public void discard() {
        if (state.get() != CardState.OPEN) {
            return;
        }
        state.set(CardState.WORKING);
        error.set(null);
        tasks.submit(() -> {
            service.discardDraft(draft.id());
            return null;
        }, ignored -> state.set(CardState.DISCARDED), failure -> failed("Could not discard the draft.", failure));
    }

    @Override
    void confirm() {
        List<String> toList = Addresses.parse(to.get());
        List<String> ccList = Addresses.parse(cc.get());
        String bad = firstInvalid(toList, ccList);
        if (toList.isEmpty() || bad != null) {
            error.set(toList.isEmpty() ? "Add at least one recipient." : "Not a mail address: " + bad);
            return;
        }
        DraftEdit edit = new DraftEdit(toList, ccList, subject.get(), body.get());
        state.set(CardState.WORKING);
        tasks.submit(() -> {
            service.editDraft(draft.id(), edit);
            return service.confirm(service.sendDraft(draft.id()).id());
        }, confirmation -> queue(confirmation.mail()), failure -> failed("Not sent.", failure));
    }

    private static String firstInvalid(List<String> to, List<String> cc) {
        return java.util.stream.Stream.concat(to.stream(), cc.stream())
                // "Ann Lee <ann@example.com>" as the draft came, or a bare address as the person typed it.
                .filter(a -> !Addresses.bare(a).matches("[^@\\s<>]+@[^@\\s<>]+")).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "draft " + draft.id() + " to " + to.get() + ": " + state.get();
    }
}
