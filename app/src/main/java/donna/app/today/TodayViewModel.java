package donna.app.today;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.leads.Lead;
import donna.core.mail.AutopilotDraft;
import donna.core.mail.DraftReply;
import donna.core.today.SentFollowUp;
import donna.core.today.TakenMessage;
import donna.core.today.Today;
import donna.core.today.TriageStatus;
import donna.core.today.TriagedMail;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Today pane (the front desk): unread mail as the model triaged it (by bucket, each with its reason; progress
 * while the service is still sorting, read again every few seconds until it is done), autopilot's drafts waiting
 * for review (approve = the person's yes, which sends; discard), sent mail with no reply (with "Draft a follow-up",
 * which opens DONNA's draft in the composer and sends nothing), messages DONNA took, and the leads due. Read again
 * each time the pane is shown, since DONNA takes messages in voice and chat.
 */
public final class TodayViewModel {
    /** The buckets in the order the pane shows them, with their headings; {@code null} is "not sorted". */
    public static final Map<String, String> BUCKETS;

    static {
        Map<String, String> b = new LinkedHashMap<>();
        b.put(TriagedMail.NEEDS_REPLY, "Needs a reply");
        b.put(TriagedMail.WAITING, "Waiting on someone");
        b.put(TriagedMail.FYI, "FYI");
        b.put(TriagedMail.CAN_WAIT, "Can wait");
        b.put(null, "Not sorted");
        BUCKETS = Collections.unmodifiableMap(b);
    }

    /** Reads again while triage runs, at most this many times after one refresh (the service keeps working). */
    static final int MAX_POLLS = 60;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final TodayService service;
    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final Executor later;
    private final ObservableList<TakenMessage> messages = FXCollections.observableArrayList();
    private final ObservableList<TakenMessage> messagesView = FXCollections.unmodifiableObservableList(messages);
    private final ObservableList<Lead> leadFollowUps = FXCollections.observableArrayList();
    private final ObservableList<Lead> leadFollowUpsView = FXCollections.unmodifiableObservableList(leadFollowUps);
    private final ObservableList<TriagedMail> triage = FXCollections.observableArrayList();
    private final ObservableList<TriagedMail> triageView = FXCollections.unmodifiableObservableList(triage);
    private final ObservableList<AutopilotDraft> reviewQueue = FXCollections.observableArrayList();
    private final ObservableList<AutopilotDraft> reviewQueueView =
            FXCollections.unmodifiableObservableList(reviewQueue);
    private final ObservableList<SentFollowUp> followUps = FXCollections.observableArrayList();
    private final ObservableList<SentFollowUp> followUpsView = FXCollections.unmodifiableObservableList(followUps);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sorting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper triageNote = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper followUpsError = new ReadOnlyStringWrapper();
    private final IntegerProperty followUpDays = new SimpleIntegerProperty(Today.DEFAULT_FOLLOW_UP_DAYS);
    private Consumer<String> onOpenMail = id -> { };
    private Consumer<DraftReply> onOpenDraft = d -> { };
    private long generation;
    private int polls;

    /**
     * @param later runs a read again a few seconds later while triage is under way (the app: a delayed executor
     *              onto the UI thread; tests: one they run by hand)
     */
    public TodayViewModel(TodayService service, TaskExecutor tasks, ZoneId zone, Executor later) {
        this.service = service;
        this.tasks = tasks;
        this.zone = zone;
        this.later = later;
    }

    // ---- What the pane shows

    public ObservableList<TakenMessage> messages() {
        return messagesView;
    }

    /** Leads whose follow-up is due (Sales). */
    public ObservableList<Lead> leadFollowUps() {
        return leadFollowUpsView;
    }

    /** Unread mail as triaged, in the inbox's order (newest first); {@link #inBucket} groups it. */
    public ObservableList<TriagedMail> triage() {
        return triageView;
    }

    public List<TriagedMail> inBucket(String bucket) {
        return triage.stream().filter(m -> Objects.equals(m.bucket(), bucket)).toList();
    }

    public ObservableList<AutopilotDraft> reviewQueue() {
        return reviewQueueView;
    }

    /** Sent mail with no reply after {@link #followUpDaysProperty()} days, longest waiting first. */
    public ObservableList<SentFollowUp> followUps() {
        return followUpsView;
    }

    /** Why sent mail could not be checked for replies (the empty list then means "not known"); null when it was. */
    public ReadOnlyStringProperty followUpsErrorProperty() {
        return followUpsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True once a load succeeded: the empty lists then mean "nothing", not "not yet". */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** The service is still sorting unread mail (the pane shows progress). */
    public ReadOnlyBooleanProperty sortingProperty() {
        return sorting.getReadOnlyProperty();
    }

    /** Where triage stands in words ("Sorting 2 of 5 unread mails…", "Connect Gmail …"); empty when all done. */
    public ReadOnlyStringProperty triageNoteProperty() {
        return triageNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The follow-up setting as last read or saved; {@link #saveFollowUpDays} stores a new one. */
    public IntegerProperty followUpDaysProperty() {
        return followUpDays;
    }

    /** Told the Gmail id of a mail to open (the app shows it in Mail). */
    public void setOnOpenMail(Consumer<String> onOpenMail) {
        this.onOpenMail = onOpenMail;
    }

    /** Told DONNA's follow-up draft (the app opens it in the composer, where only the person sends it). */
    public void setOnOpenDraft(Consumer<DraftReply> onOpenDraft) {
        this.onOpenDraft = onOpenDraft;
    }

    // ---- Commands

    public void refresh() {
        polls = 0;
        load();
    }

    private void load() {
        long gen = ++generation;
        loading.set(true);
        tasks.submit(service::load, (Today today) -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            loaded.set(true);
            error.set(null);
            // Only what changed is replaced: a read while sorting must not rebuild rows (and lose keyboard focus).
            replace(messages, today.messages());
            replace(leadFollowUps, today.leadFollowUps());
            replace(triage, today.triage());
            replace(reviewQueue, today.reviewQueue());
            replace(followUps, today.followUps());
            followUpsError.set(today.followUpsError() == null ? null
                    : "Could not check your sent mail for replies. " + today.followUpsError());
            followUpDays.set(today.followUpDays());
            showTriage(today.triageStatus());
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                sorting.set(false);
                error.set("Could not load today. " + ErrorText.of(failure));
            }
        });
    }

    private static <T> void replace(ObservableList<T> list, List<T> now) {
        if (!list.equals(now)) {
            list.setAll(now);
        }
    }

    private void showTriage(TriageStatus s) {
        boolean stillSorting = s.connected() && s.pending() > 0 && s.error() == null;
        sorting.set(stillSorting);
        if (!s.connected()) {
            triageNote.set("not_connected".equals(s.gmail())
                    ? "Connect Gmail (in Mail) to see your unread mail sorted here."
                    : "Gmail did not answer: " + (s.error() == null ? "try again shortly." : s.error()));
        } else if (s.error() != null) {
            triageNote.set(s.error() + " (" + s.pending() + " unread " + (s.pending() == 1 ? "mail" : "mails")
                    + " not sorted yet)");
        } else if (stillSorting) {
            triageNote.set("DONNA is sorting your unread mail: " + (s.unread() - s.pending()) + " of " + s.unread()
                    + " done\u2026");
        } else {
            triageNote.set(s.unread() == 0 ? "No unread mail." : null);
        }
        if (stillSorting && polls < MAX_POLLS) {
            polls++;
            long gen = generation;
            later.execute(() -> {
                if (gen == generation) { // nothing newer asked for meanwhile
                    load();
                }
            });
        }
    }

    /** The message is dealt with: it leaves the list at once, and comes back if the service refuses. */
    public void done(TakenMessage message) {
        int at = messages.indexOf(message);
        if (at < 0) {
            return;
        }
        messages.remove(at);
        error.set(null);
        tasks.submit(() -> service.markDone(message.id(), true), stored -> { }, failure -> {
            messages.add(Math.min(at, messages.size()), message);
            error.set("Could not mark the message from " + message.callerName() + " done. " + ErrorText.of(failure));
        });
    }

    /** Opens a triaged mail (or the one an autopilot draft answers) in Mail. */
    public void open(String gmailId) {
        if (gmailId != null) {
            onOpenMail.accept(gmailId);
        }
    }

    /** The person's yes: autopilot sends this draft. It leaves the queue at once, and comes back on a refusal. */
    public void approve(AutopilotDraft draft) {
        settle(draft, () -> service.approveDraft(draft.id()), "Could not send the reply to ");
    }

    public void discard(AutopilotDraft draft) {
        settle(draft, () -> service.discardDraft(draft.id()), "Could not discard the reply to ");
    }

    private void settle(AutopilotDraft draft, Runnable call, String failed) {
        int at = reviewQueue.indexOf(draft);
        if (at < 0) {
            return;
        }
        reviewQueue.remove(at);
        error.set(null);
        tasks.submit(() -> {
            call.run();
            return draft;
        }, ok -> { }, failure -> {
            reviewQueue.add(Math.min(at, reviewQueue.size()), draft);
            error.set(failed + String.join(", ", draft.to()) + ". " + ErrorText.of(failure));
        });
    }

    /** DONNA drafts a follow-up and the composer opens with it; nothing is sent. */
    public void draftFollowUp(SentFollowUp mail) {
        error.set(null);
        loading.set(true);
        tasks.submit(() -> service.draftFollowUp(mail.messageId()), draft -> {
            loading.set(false);
            onOpenDraft.accept(draft);
        }, failure -> {
            loading.set(false);
            error.set("Could not draft a follow-up to " + (mail.to() == null ? "that mail" : mail.to()) + ". "
                    + ErrorText.of(failure));
        });
    }

    /** Stores the follow-up setting and reads the day again with it. */
    public void saveFollowUpDays(int days) {
        int wanted = Math.clamp(days, 1, 60);
        error.set(null);
        tasks.submit(() -> service.setFollowUpDays(wanted), stored -> {
            followUpDays.set(stored);
            refresh();
        }, failure -> error.set("Could not save the follow-up setting. " + ErrorText.of(failure)));
    }

    // ---- In words

    /** "Bob Hale · +1 555 0100 · taken Mon 7 Dec, 09:30 · call back before 5 pm Friday". */
    public String heading(TakenMessage m) {
        StringBuilder s = new StringBuilder(m.callerName() == null ? "Someone" : m.callerName());
        if (m.contact() != null && !m.contact().isBlank()) {
            s.append(" \u00b7 ").append(m.contact());
        }
        if (m.takenAt() != null) {
            s.append(" \u00b7 taken ").append(WHEN.format(m.takenAt().atZone(zone)));
        }
        if (m.callbackBy() != null && !m.callbackBy().isBlank()) {
            s.append(" \u00b7 call back ").append(m.callbackBy());
        }
        return s.toString();
    }

    /** "Ann Lee · Lunch on Thursday?" for a triaged mail's row. */
    public static String mailLine(TriagedMail m) {
        return sender(m.from()) + " \u00b7 " + (m.subject() == null || m.subject().isBlank() ? "(no subject)"
                : m.subject());
    }

    /** "To Bo Park · Quote for the new website · sent Tue 1 Dec, 6 days ago". */
    public String followUpLine(SentFollowUp f) {
        StringBuilder s = new StringBuilder("To ").append(f.to() == null ? "(nobody)" : sender(f.to()));
        s.append(" \u00b7 ").append(f.subject() == null || f.subject().isBlank() ? "(no subject)" : f.subject());
        if (f.sentAt() != null) {
            s.append(" \u00b7 sent ").append(DAY.format(f.sentAt().atZone(zone)));
        }
        s.append(", ").append(f.daysWaiting()).append(f.daysWaiting() == 1 ? " day" : " days").append(" ago");
        return s.toString();
    }

    /** "To ann@example.com · Re: Lunch?" for a draft in the review queue. */
    public static String draftLine(AutopilotDraft d) {
        return "To " + String.join(", ", d.to()) + " \u00b7 " + (d.subject() == null ? "" : d.subject());
    }

    /** "Sam Reed (Acme) · sam@acme.example · due Mon 7 Dec". */
    public static String followUp(Lead lead) {
        StringBuilder s = new StringBuilder(lead.name() == null ? "(no name)" : lead.name());
        if (lead.company() != null && !lead.company().isBlank()) {
            s.append(" (").append(lead.company()).append(')');
        }
        if (lead.email() != null) {
            s.append(" \u00b7 ").append(lead.email());
        }
        if (lead.nextFollowUp() != null) {
            s.append(" \u00b7 due ").append(lead.nextFollowUp().format(DAY));
        }
        return s.toString();
    }

    /** A From or To header as a person reads it: the name when there is one, else the address. */
    static String sender(String header) {
        if (header == null || header.isBlank()) {
            return "(unknown sender)";
        }
        String name = header.replaceAll("<[^>]*>", "").replace("\"", "").strip();
        return name.isEmpty() ? header.replaceAll("[<>]", "").strip() : name;
    }
}
