package donna.app.marketing;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.campaigns.Audience;
import donna.core.campaigns.Campaign;
import donna.core.campaigns.Draft;
import donna.core.campaigns.Preview;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Marketing workspace: the person's campaigns with their progress, a form that makes a draft (the service
 * refuses rows it cannot mail and says why), a per-recipient preview, and the moves. Nothing is sent until the
 * person starts a draft and confirms it here ({@link #askStart()} then {@link #confirmStart()}); the service's
 * answers are shown as they are: a campaign says "running" with its queued count, never "sent" before it is.
 */
public final class MarketingViewModel {
    private final MarketingService service;
    private final TaskExecutor tasks;
    private final ObservableList<Campaign> campaigns = FXCollections.observableArrayList();
    private final ObservableList<Campaign> campaignsView = FXCollections.unmodifiableObservableList(campaigns);
    private final ObservableList<Draft.Refused> refused = FXCollections.observableArrayList();
    private final ObservableList<Draft.Refused> refusedView = FXCollections.unmodifiableObservableList(refused);
    private final ReadOnlyObjectWrapper<Campaign> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper();
    /** The draft the form changes; null while it makes a new one. */
    private final ReadOnlyObjectWrapper<Campaign> changing = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper confirmingStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty audience = new SimpleStringProperty("");
    private final BooleanProperty personalise = new SimpleBooleanProperty();
    private long generation;

    public MarketingViewModel(MarketingService service, TaskExecutor tasks) {
        this.service = service;
        this.tasks = tasks;
    }

    public ObservableList<Campaign> campaigns() {
        return campaignsView;
    }

    /** The rows of the last draft's audience that were refused, with why. */
    public ObservableList<Draft.Refused> refused() {
        return refusedView;
    }

    /** The campaign shown, with its recipients; null when none is. */
    public ReadOnlyObjectProperty<Campaign> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** True while the "New campaign" form is shown. */
    public ReadOnlyBooleanProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** True while the question "Send it now?" waits for the person's answer. */
    public ReadOnlyBooleanProperty confirmingStartProperty() {
        return confirmingStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once a load succeeded: an empty list then means "none yet", not "not yet read". */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action did, in words (the draft made, the replies found). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty subjectProperty() {
        return subject;
    }

    public StringProperty bodyProperty() {
        return body;
    }

    /** Each mail's {@code {{opening}}} written by DONNA for its recipient (shown in the preview before Start). */
    public BooleanProperty personaliseProperty() {
        return personalise;
    }

    /** Pasted addresses (one a line, "Ann Lee <ann@example.com>" too) or a CSV file's text with a header row. */
    public StringProperty audienceProperty() {
        return audience;
    }

    /** Reads the list again (and the campaign shown). */
    public void refresh() {
        long gen = ++generation;
        String shown = selected.get() == null ? null : selected.get().id();
        tasks.submit(() -> new Loaded(service.list(), shown == null ? null : service.get(shown)), l -> {
            if (gen != generation) {
                return;
            }
            loaded.set(true);
            campaigns.setAll(l.list());
            if (l.shown() != null && selected.get() != null && selected.get().id().equals(l.shown().id())) {
                selected.set(l.shown());
            }
        }, failure -> {
            if (gen == generation) {
                error.set("Could not load the campaigns. " + ErrorText.of(failure));
            }
        });
    }

    private record Loaded(List<Campaign> list, Campaign shown) {}

    /** While the pane is shown: a running campaign's progress is read again; others do not move on their own. */
    public void tick() {
        Campaign c = selected.get();
        if (c != null && "running".equals(c.status()) && !busy.get()) {
            refresh();
        }
    }

    /** The draft being changed in the form, or null when the form makes a new campaign. */
    public ReadOnlyObjectProperty<Campaign> changingProperty() {
        return changing.getReadOnlyProperty();
    }

    public void newCampaign() {
        changing.set(null);
        editing.set(true);
        confirmingStart.set(false);
        error.set(null);
        notice.set(null);
        refused.clear();
    }

    public void cancelEditing() {
        editing.set(false);
    }

    /** The form, filled with the draft shown, to change it; its recipients stay unless an audience is given. */
    public void changeDraft() {
        Campaign c = selected.get();
        if (c == null || !"draft".equals(c.status())) {
            return;
        }
        changing.set(c);
        name.set(c.name());
        subject.set(c.subject());
        body.set(c.body());
        personalise.set(c.personalise());
        audience.set("");
        editing.set(true);
        confirmingStart.set(false);
        error.set(null);
        notice.set(null);
        refused.clear();
    }

    /** Sends the form to the service: a new draft, or the changed one; shown with its refused rows. */
    public void create() {
        String text = audience.get() == null ? "" : audience.get().strip();
        Campaign changed = changing.get();
        Audience who = changed != null && text.isEmpty() ? null
                : looksLikeCsv(text) ? Audience.csv(text + "\n") : Audience.emails(addresses(text));
        String n = name.get(), s = subject.get(), b = body.get();
        boolean p = personalise.get();
        run(() -> changed == null ? service.create(n, s, b, who, p) : service.update(changed.id(), n, s, b, who, p),
                draft -> {
            changing.set(null);
            editing.set(false);
            refused.setAll(draft.refused());
            selected.set(draft.campaign());
            preview.set(null);
            notice.set(draftNotice(draft, changed == null ? "made for" : "changed; it goes to"));
            refresh();
            preview(null);
        });
    }

    public void select(Campaign campaign) {
        editing.set(false);
        confirmingStart.set(false);
        refused.clear();
        notice.set(null);
        preview.set(null);
        run(() -> service.get(campaign.id()), c -> {
            selected.set(c);
            preview(null);
        });
    }

    /** What {@code email} gets (null: the first recipient). */
    public void preview(String email) {
        Campaign c = selected.get();
        if (c == null) {
            return;
        }
        tasks.submit(() -> service.preview(c.id(), email), preview::set,
                failure -> error.set("Could not show the preview. " + ErrorText.of(failure)));
    }

    /** The person pressed Start: ask first, since it mails every recipient. */
    public void askStart() {
        Campaign c = selected.get();
        if (c != null && "draft".equals(c.status())) {
            confirmingStart.set(true);
        }
    }

    /** The question Start asks, naming what will happen. */
    public String startQuestion() {
        Campaign c = selected.get();
        if (c == null) {
            return "";
        }
        int n = c.counts().total();
        return "Send \u201c" + c.subject() + "\u201d to " + n + (n == 1 ? " recipient" : " recipients")
                + " from your Gmail, one mail each, paced under Gmail's limits (at most " + c.dailyCap()
                + " a day)?";
    }

    public void confirmStart() {
        confirmingStart.set(false);
        move("start");
    }

    public void declineStart() {
        confirmingStart.set(false);
    }

    public void pause() {
        move("pause");
    }

    public void resume() {
        move("resume");
    }

    public void cancel() {
        move("cancel");
    }

    /** Looks through the inbox for replies, unsubscribes and bounces now. */
    public void refreshReplies() {
        Campaign c = selected.get();
        if (c == null) {
            return;
        }
        run(() -> service.refreshReplies(c.id()), found -> {
            selected.set(found.campaign());
            notice.set("Looked through the inbox: " + found.replied() + " replied, " + found.unsubscribed()
                    + " unsubscribed, " + found.bounced() + " bounced.");
            refresh();
        });
    }

    /** Deletes the draft shown. */
    public void delete() {
        Campaign c = selected.get();
        if (c == null) {
            return;
        }
        run(() -> {
            service.delete(c.id());
            return c;
        }, gone -> {
            selected.set(null);
            preview.set(null);
            refused.clear();
            notice.set("Deleted the draft \u201c" + gone.name() + "\u201d.");
            refresh();
        });
    }

    private void move(String action) {
        Campaign c = selected.get();
        if (c == null) {
            return;
        }
        run(() -> service.move(c.id(), action), moved -> {
            selected.set(moved);
            notice.set(null);
            refresh();
        });
    }

    private <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        busy.set(true);
        error.set(null);
        tasks.submit(work, result -> {
            busy.set(false);
            done.accept(result);
        }, failure -> {
            busy.set(false);
            error.set(ErrorText.of(failure));
        });
    }

    /** "Running · 3 of 10 sent · 7 queued · 0 failed · 0 replied · 0 unsubscribed". */
    public static String progress(Campaign c) {
        Campaign.Counts n = c.counts();
        int done = n.sent() + n.replied() + n.unsubscribed();
        StringBuilder s = new StringBuilder(statusWord(c.status()));
        s.append(" \u00b7 ").append(done).append(" of ").append(n.total()).append(" sent");
        s.append(" \u00b7 ").append(n.queued()).append(" queued");
        s.append(" \u00b7 ").append(n.failed()).append(" failed");
        s.append(" \u00b7 ").append(n.replied()).append(" replied");
        s.append(" \u00b7 ").append(n.unsubscribed()).append(" unsubscribed");
        if (n.skipped() > 0) {
            s.append(" \u00b7 ").append(n.skipped()).append(" skipped");
        }
        return s.toString();
    }

    /** What the status means for the person now; empty when the progress line says it all. */
    public static String statusNote(Campaign c) {
        return switch (c.status() == null ? "" : c.status()) {
            case "draft" -> "A draft: nothing is sent until you start it.";
            case "running" -> c.counts().queued() == 0 ? "" : "The service sends the queued mails in the "
                    + "background, one at a time, from the Gmail connected under Settings. While Gmail is not "
                    + "connected (or its quota says wait), they stay queued here; none is lost or sent twice.";
            case "paused" -> "Paused: the queued mails wait until you resume.";
            case "cancelled" -> "Cancelled: mails not sent were skipped.";
            default -> "";
        };
    }

    public static String statusWord(String status) {
        if (status == null || status.isEmpty()) {
            return "Unknown";
        }
        return status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
    }

    /** "Ann Lee <ann@example.com> · failed: Invalid To header". */
    public static String recipientLine(Campaign.Recipient r) {
        String who = r.name() == null || r.name().isBlank() ? r.email() : r.name() + " <" + r.email() + ">";
        String line = who + " \u00b7 " + r.status();
        return r.error() == null ? line : line + ": " + r.error();
    }

    /** "Row 3: not-an-address (not a valid address)". */
    public static String refusedLine(Draft.Refused r) {
        String why = switch (r.reason() == null ? "" : r.reason()) {
            case "bad_address" -> "not a valid address";
            case "duplicate" -> "already in the list";
            case "suppressed" -> "unsubscribed or bounced before";
            default -> r.reason();
        };
        String value = r.value() == null || r.value().isBlank() ? "(empty)" : r.value();
        return "Row " + r.row() + ": " + value + " (" + why + ")";
    }

    /** @param what how the draft came to be: "made for", or "changed; it goes to" */
    static String draftNotice(Draft d, String what) {
        int n = d.campaign().counts().total();
        StringBuilder s = new StringBuilder("Draft \u201c" + d.campaign().name() + "\u201d " + what + " " + n
                + (n == 1 ? " recipient" : " recipients") + ". Nothing is sent until you start it.");
        if (!d.refused().isEmpty()) {
            s.append(' ').append(d.refused().size()).append(d.refused().size() == 1 ? " row was" : " rows were")
                    .append(" refused (below).");
        }
        return s.toString();
    }

    /** A header row naming an email column, with commas: a CSV file's text. */
    static boolean looksLikeCsv(String text) {
        String first = text.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        return first.contains(",") && first.contains("email") && !first.contains("@");
    }

    /** One address a line (or separated by semicolons, or commas when no display names are used). */
    static List<String> addresses(String text) {
        List<String> out = new ArrayList<>();
        text.lines().forEach(line -> {
            for (String part : line.split(line.contains("<") ? ";" : "[;,]")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        });
        return out;
    }
}
