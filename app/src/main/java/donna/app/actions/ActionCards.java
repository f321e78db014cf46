package donna.app.actions;

import donna.app.common.TaskExecutor;
import donna.core.mail.local.MailDatabase;
import donna.core.mail.outbox.Outbox;
import donna.core.mail.outbox.OutboxEntry;
import donna.core.tools.ConfirmedMail;
import donna.core.tools.Draft;
import donna.core.tools.PendingAction;
import donna.core.tools.TurnAction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Makes the cards of a turn's actions (chat or voice) and keeps them honest: one card per draft and per pending
 * action however often a turn names them, a confirmation relayed in chat lands on the card already on screen, every
 * confirmed mail goes into the outbox under its draft's id (so it is sent once), and each confirmed card follows its
 * mail as the outbox changes. Used on the UI thread.
 */
public final class ActionCards {
    private final ActionService service;
    private final CardOutbox outbox;
    private final TaskExecutor tasks;
    private final Map<String, DraftCardViewModel> drafts = new HashMap<>();
    private final Map<String, ConfirmationCardViewModel> actions = new HashMap<>();
    private final List<SendCard> following = new ArrayList<>();
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private Consumer<Draft> openInMail = d -> { };

    /**
     * @param flushNow sends what waits in the outbox now (blocking; run through the executor)
     * @param ui       the UI thread: the outbox tells of changes from whichever thread made them
     */
    public ActionCards(ActionService service, Outbox outbox, Runnable flushNow, TaskExecutor tasks, Executor ui) {
        this.service = Objects.requireNonNull(service);
        this.outbox = new CardOutbox(outbox, flushNow);
        this.tasks = tasks;
        // A flush changes the outbox two or three times a mail: one refresh waiting on the UI thread is enough.
        outbox.addListener(() -> {
            if (refreshQueued.compareAndSet(false, true)) {
                ui.execute(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            }
        });
    }

    /** Cards with nothing behind them (windows and tests without a service): their Send says so. */
    public static ActionCards detached(TaskExecutor tasks, Executor ui) {
        return new ActionCards(ActionService.detached(), new Outbox(MailDatabase.inMemory(), Clock.systemUTC()), () -> { },
                tasks, ui);
    }

    /** Where "Open in Mail" takes a draft (the Mail pane's composer). */
    public void setOnOpenInMail(Consumer<Draft> listener) {
        this.openInMail = Objects.requireNonNull(listener);
    }

    /** The cards for what a turn produced, in order; actions already on screen give no second card. */
    public List<CardItem> cardsFor(List<TurnAction> turn) {
        List<CardItem> cards = new ArrayList<>();
        for (TurnAction a : turn) {
            switch (a) {
                case TurnAction.DraftReady(Draft d) -> {
                    // A draft the same turn already asks to send shows as that confirmation only.
                    boolean asked = turn.stream().anyMatch(t -> t instanceof TurnAction.ConfirmationNeeded(var p)
                            && d.id().equals(p.draftId()));
                    if (!asked && !drafts.containsKey(d.id())) {
                        DraftCardViewModel card = new DraftCardViewModel(d, service, outbox, tasks,
                                draft -> openInMail.accept(draft));
                        drafts.put(d.id(), card);
                        track(card);
                        cards.add(card);
                    }
                }
                case TurnAction.ConfirmationNeeded(PendingAction p) -> {
                    if (!actions.containsKey(p.id())) {
                        cards.add(confirmationCard(p));
                    }
                    // An earlier turn's card of the same draft follows the same mail (its key is the draft id),
                    // so it shows Sent too once the confirmation goes out, instead of inviting a second Send.
                    DraftCardViewModel earlier = drafts.get(p.draftId());
                    if (earlier != null && earlier.key() == null) {
                        earlier.adoptKey(p.draftId());
                    }
                }
                case TurnAction.SendConfirmed(PendingAction p, ConfirmedMail mail) -> {
                    ConfirmationCardViewModel card = actions.get(p.id());
                    if (card == null) {
                        card = confirmationCard(p);
                        cards.add(card);
                    }
                    card.confirmedElsewhere(mail);
                }
                case TurnAction.MemorySaved(String key, var value) -> cards.add(new MemoryNote(key,
                        value == null || value.isMissingNode() || value.isNull() ? ""
                                : value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return cards;
    }

    private ConfirmationCardViewModel confirmationCard(PendingAction p) {
        ConfirmationCardViewModel card = new ConfirmationCardViewModel(p, service, outbox, tasks);
        actions.put(p.id(), card);
        track(card);
        return card;
    }

    private void track(SendCard card) {
        following.add(card);
    }

    /** Each confirmed card asks the outbox how its mail is; finished cards are let go. */
    private void refresh() {
        following.removeIf(c -> c.stateProperty().get().finished());
        List<SendCard> confirmed = following.stream().filter(c -> c.key() != null).toList();
        if (confirmed.isEmpty()) {
            return;
        }
        List<String> keys = confirmed.stream().map(SendCard::key).toList();
        tasks.submit(() -> keys.stream().map(outbox::find).flatMap(Optional::stream).toList(),
                (List<OutboxEntry> entries) -> entries.forEach(e -> confirmed.forEach(c -> c.follow(e))),
                failure -> { }); // the next change asks again; the card keeps its last known state
    }
}
