package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.app.paging.Pager;
import donna.core.mail.MailPage;
import donna.core.mail.MailSummary;
import donna.core.mail.local.InboxCache;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
    private final Pager<MailSummary, String> pager;
    private final ObservableList<MailSummary> messages;
    private final ReadOnlyBooleanWrapper offline = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper offlineText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper openId = new ReadOnlyStringWrapper();
    private Consumer<MailSummary> onOpen = m -> { };

    public InboxViewModel(MailService service, InboxCache cache, TaskExecutor tasks, ZoneId zone) {
        this.service = service;
        this.cache = cache;
        this.tasks = tasks;
        this.zone = zone;
        this.pager = new Pager<>(tasks, this::fetch).onPage(this::showLive).onFailure(this::failed);
        this.messages = pager.items();
    }

    public ObservableList<MailSummary> messages() {
        return pager.readOnlyItems();
    }

    public ReadOnlyStringProperty queryProperty() {
        return pager.queryProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return pager.loadingProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return pager.hasMoreProperty();
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
        BooleanSupplier stillLatest = pager.stillLatest();
        tasks.submit(cache::page, saved -> {
            if (stillLatest.getAsBoolean() && messages.isEmpty() && saved.isPresent()) {
                showSaved(saved.get(), SAVED);
            }
        }, failure -> { });
    }

    public void refresh() {
        pager.refresh();
    }

    public void search(String text) {
        pager.search(text);
    }

    public void loadMore() {
        pager.loadMore();
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

    /** Runs on a task thread. Only the unsearched inbox's first page is saved: a search is never "the inbox". */
    private Pager.Page<MailSummary, String> fetch(String q, String pageToken) {
        MailPage page = service.page(q, pageToken, PAGE);
        if (q.isEmpty() && pageToken == null) {
            cache.savePage(page);
        }
        return new Pager.Page<>(page.messages(), page.nextPageToken());
    }

    private void showLive() {
        offline.set(false);
        offlineText.set(null);
        error.set(null);
    }

    private void failed(Throwable failure, Pager.Request request) {
        error.set("Could not load mail. " + ErrorText.of(failure));
        if (request.firstPage() && request.query().isEmpty()) {
            fallBackToSaved(request);
        }
    }

    private void fallBackToSaved(Pager.Request request) {
        tasks.submit(cache::page, (Optional<InboxCache.Saved<MailPage>> saved) -> {
            if (request.isLatest() && saved.isPresent()) {
                showSaved(saved.get(), OFFLINE);
            }
        }, failure -> { });
    }

    private void showSaved(InboxCache.Saved<MailPage> saved, String how) {
        pager.showComplete(saved.value().messages());
        offline.set(true);
        offlineText.set(how + " (saved " + SAVED_AT.format(saved.savedAt().atZone(zone)) + ")");
    }
}
