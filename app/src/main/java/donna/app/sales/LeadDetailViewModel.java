package donna.app.sales;

import donna.app.actions.ActionCards;
import donna.app.actions.CardItem;
import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.leads.Lead;
import donna.core.tools.TurnAction;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected lead's detail: the mail threads it came from (read from Gmail), its notes and next follow-up day
 * (Save stores them), and "Draft a follow-up": DONNA writes a draft through the draft tool and it shows as the same
 * card chat shows, which the person edits and sends with their own click. Nothing is sent from here otherwise.
 */
public final class LeadDetailViewModel {
    private final SalesService service;
    private final TaskExecutor tasks;
    private final ActionCards cards;
    private final Consumer<Lead> onSaved;
    private final ReadOnlyObjectWrapper<Lead> lead = new ReadOnlyObjectWrapper<>();
    private final ObservableList<LeadThread> threads = FXCollections.observableArrayList();
    private final StringProperty notes = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> followUp = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper drafting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<CardItem> card = new ReadOnlyObjectWrapper<>();
    private long generation;

    /** @param onSaved the lead as stored after Save (the lists show it) */
    LeadDetailViewModel(SalesService service, TaskExecutor tasks, ActionCards cards, Consumer<Lead> onSaved) {
        this.service = service;
        this.tasks = tasks;
        this.cards = cards;
        this.onSaved = onSaved;
    }

    public ReadOnlyObjectProperty<Lead> leadProperty() {
        return lead.getReadOnlyProperty();
    }

    public ObservableList<LeadThread> threads() {
        return threads;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public ObjectProperty<LocalDate> followUpProperty() {
        return followUp;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty draftingProperty() {
        return drafting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The follow-up draft's card (chat's draft card: edit, Send, Open in Mail, Discard); null before one. */
    public ReadOnlyObjectProperty<CardItem> cardProperty() {
        return card.getReadOnlyProperty();
    }

    /** Shows this lead (null: none); its threads are read when it is another lead than before. */
    void show(Lead next) {
        Lead was = lead.get();
        lead.set(next);
        boolean same = was != null && next != null && was.id().equals(next.id());
        if (same) {
            return; // the same lead after a refresh or a move: keep what the person is typing
        }
        long gen = ++generation;
        threads.clear();
        card.set(null);
        error.set(null);
        status.set("");
        notes.set(next == null || next.notes() == null ? "" : next.notes());
        followUp.set(next == null ? null : next.nextFollowUp());
        if (next == null || next.threads().isEmpty()) {
            return;
        }
        tasks.submit(() -> service.threads(next), (List<LeadThread> read) -> {
            if (gen == generation) {
                threads.setAll(read);
            }
        }, failure -> {
            if (gen == generation) {
                error.set("Could not read the lead's mail. " + ErrorText.of(failure));
            }
        });
    }

    /** Stores the notes and the follow-up day. */
    public void save() {
        Lead l = lead.get();
        if (l == null || busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        String text = notes.get() == null ? "" : notes.get();
        LocalDate day = followUp.get();
        tasks.submit(() -> service.edit(l.id(), text, day), saved -> {
            busy.set(false);
            if (lead.get() != null && lead.get().id().equals(saved.id())) {
                lead.set(saved);
            }
            status.set("Saved.");
            onSaved.accept(saved);
        }, failure -> {
            busy.set(false);
            error.set("Could not save " + l.name() + ". " + ErrorText.of(failure));
        });
    }

    /** Whether the notes or the day differ from what is stored. */
    public boolean changed() {
        Lead l = lead.get();
        return l != null && (!Objects.equals(notes.get(), l.notes() == null ? "" : l.notes())
                || !Objects.equals(followUp.get(), l.nextFollowUp()));
    }

    /** DONNA drafts a follow-up (the draft tool); the draft shows as a card. Sends nothing. */
    public void draftFollowUp() {
        Lead l = lead.get();
        if (l == null || drafting.get()) {
            return;
        }
        long gen = generation;
        drafting.set(true);
        error.set(null);
        status.set("DONNA is drafting a follow-up\u2026");
        tasks.submit(() -> service.draftFollowUp(l), draft -> {
            drafting.set(false);
            if (gen != generation) {
                return;
            }
            List<CardItem> made = draft == null ? List.of()
                    : cards.cardsFor(List.of(new TurnAction.DraftReady(draft)));
            status.set("A draft to review: nothing is sent until you press Send.");
            card.set(made.isEmpty() ? null : made.getFirst());
        }, failure -> {
            drafting.set(false);
            if (gen == generation) {
                status.set("");
                error.set("Could not draft a follow-up. " + ErrorText.of(failure));
            }
        });
    }
}
