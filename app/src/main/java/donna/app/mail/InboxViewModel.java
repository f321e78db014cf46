package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import donna.core.mail.local.InboxCache;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inbox list: paging, search, unread marks. The last inbox page is saved locally, so the list paints at once
 * on start ({@link #showSaved()}) and stays usable when the service or Gmail cannot be reached, marked "offline,
 * showing saved inbox".
 */
public final class InboxViewModel {
    static final int PAGE = 25;
    static final String OFFLINE = "offline, showing saved inbox";
    static final String SAVED = "showing saved inbox";
    private static final DateTimeFormatter SAVED_AT = DateTimeFormatter.ofPattern("d MMM HH:mm");

    private final MailService service;
    private final InboxCache cache;
    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final ObservableList<MailSummary> messages = FXCollections.observableArrayList();
    private final ObservableList<MailSummary> readOnlyMessages = FXCollections.unmodifiableObservableList(messages);
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper offlineText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper openId = new ReadOnlyStringWrapper();
    private Consumer<MailSummary> onOpen = m -> { };
    private String nextPageToken;
    /** Only the latest request may fill the list: answers to an older search or refresh are dropped. */
    private long generation;

    public InboxViewModel(MailService service, InboxCache cache, TaskExecutor tasks, ZoneId zone) {
        this.service = service;
        this.cache = cache;
        this.tasks = tasks;
        this.zone = zone;
    }

    public ObservableList<MailSummary> messages() {
        return readOnlyMessages;
    }

    public ReadOnlyStringProperty queryProperty() {
        return query.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** The list is the saved page, not the live inbox (not loaded yet, or the service or Gmail cannot be reached). */
    public ReadOnlyBooleanProperty offlineProperty() {
        return offline.getReadOnlyProperty();
    }

    /** "offline, showing saved inbox (saved 22 Nov 09:41)", "showing saved inbox (...)" before the first load, or null. */
    public ReadOnlyStringProperty offlineTextProperty() {
        return offlineText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The Gmail id of the message open in the reader. */
    public ReadOnlyStringProperty openIdProperty() {
        return openId.getReadOnlyProperty();
    }

    /** Wired to the reader: opening a row shows the message. */
    void setOnOpen(Consumer<MailSummary> listener) {
        this.onOpen = Objects.requireNonNull(listener);
    }

    // ---- Commands

    /**
     * Paints the saved page at once (the app just started), marked "showing saved inbox" until a {@link #refresh()}
     * answers with the live one.
     */
    public void showSaved() {
        long gen = generation;
        tasks.submit(cache::page, saved -> {
            if (gen == generation && messages.isEmpty() && saved.isPresent()) {
                showSaved(saved.get(), SAVED);
            }
        }, failure -> { });
    }

    public void refresh() {
        load(null, false);
    }

    public void search(String text) {
        String q = text == null ? "" : text.strip();
        if (!q.equals(query.get())) {
            query.set(q);
            refresh();
        }
    }

    public void loadMore() {
        if (hasMore.get() && !loading.get() && nextPageToken != null) {
            load(nextPageToken, true);
        }
    }

    public void open(MailSummary summary) {
        if (summary == null || summary.id().equals(openId.get())) {
            return;
        }
        openId.set(summary.id());
        if (summary.unread()) {
            // Opened is read; Gmail's own mark follows when the service marks it.
            int i = messages.indexOf(summary);
            if (i >= 0) {
                messages.set(i, new MailSummary(summary.id(), summary.threadId(), summary.from(), summary.to(),
                        summary.subject(), summary.date(), summary.snippet(), false));
            }
        }
        onOpen.accept(summary);
    }

    public void dismissError() {
        error.set(null);
    }

    // ---- Internals

    private void load(String pageToken, boolean append) {
        long gen = ++generation;
        String q = query.get();
        boolean inbox = q.isEmpty() && pageToken == null;
        loading.set(true);
        tasks.submit(() -> {
            MailPage page = service.page(q, pageToken, PAGE);
            if (inbox) {
                cache.savePage(page);
            }
            return page;
        }, page -> {
            if (gen != generation) {
                return;
            }
            if (append) {
                messages.addAll(page.messages());
            } else {
                messages.setAll(page.messages());
            }
            nextPageToken = page.nextPageToken();
            hasMore.set(nextPageToken != null);
            loading.set(false);
            offline.set(false);
            offlineText.set(null);
            error.set(null);
        }, failure -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            error.set("Could not load mail. " + ErrorText.of(failure));
            if (inbox) {
                fallBackToSaved(gen);
            }
        });
    }

    private void fallBackToSaved(long gen) {
        tasks.submit(cache::page, (Optional<InboxCache.Saved<MailPage>> saved) -> {
            if (gen == generation && saved.isPresent()) {
                showSaved(saved.get(), OFFLINE);
            }
        }, failure -> { });
    }

    private void showSaved(InboxCache.Saved<MailPage> saved, String how) {
        messages.setAll(saved.value().messages());
        hasMore.set(false);
        offline.set(true);
        offlineText.set(how + " (saved " + SAVED_AT.format(saved.savedAt().atZone(zone)) + ")");
    }
}
