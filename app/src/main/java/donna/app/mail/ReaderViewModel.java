package donna.app.mail;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.ServiceException;
import donna.core.mail.MailMessage;
import donna.core.mail.local.InboxCache;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The open message: its page for the WebView (remote images blocked until {@link #showImages()}), reply and "Draft
 * with DONNA". Opened messages are saved, so one read before can be read again offline.
 */
public final class ReaderViewModel {
    private final MailService service;
    private final InboxCache cache;
    private final TaskExecutor tasks;
    private final ReadOnlyObjectWrapper<MailMessage> message = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper document = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper remoteImages = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper imagesShown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private Consumer<MailMessage> onReply = m -> { };
    private Consumer<MailMessage> onDraft = m -> { };
    private Consumer<URI> onWebLink = uri -> { };
    private BiConsumer<String, String> onMailTo = (to, subject) -> { };
    private long generation;

    public ReaderViewModel(MailService service, InboxCache cache, TaskExecutor tasks) {
        this.service = service;
        this.cache = cache;
        this.tasks = tasks;
    }

    public ReadOnlyObjectProperty<MailMessage> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The HTML page to show; changes when another message opens or images are allowed. */
    public ReadOnlyStringProperty documentProperty() {
        return document.getReadOnlyProperty();
    }

    /** The message has images the service held back (offer "show images"). */
    public ReadOnlyBooleanProperty remoteImagesProperty() {
        return remoteImages.getReadOnlyProperty();
    }

    /** The person allowed this message's remote images. */
    public ReadOnlyBooleanProperty imagesShownProperty() {
        return imagesShown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What shows is the copy saved earlier (the service or Gmail could not be reached). */
    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setOnReply(Consumer<MailMessage> listener) {
        this.onReply = Objects.requireNonNull(listener);
    }

    void setOnDraft(Consumer<MailMessage> listener) {
        this.onDraft = Objects.requireNonNull(listener);
    }

    /** Where an http(s) link the person followed goes: the system browser. */
    void setOnWebLink(Consumer<URI> listener) {
        this.onWebLink = Objects.requireNonNull(listener);
    }

    /** Where a mailto link goes: the composer, with its address and subject. */
    void setOnMailTo(BiConsumer<String, String> listener) {
        this.onMailTo = Objects.requireNonNull(listener);
    }

    /**
     * The page is about to go to {@code location}. The reader shows only its own page (loaded as content, so its
     * location is empty or about:blank): any other location is refused, and the caller puts the mail back (returns
     * true). An http(s) link opens in the system browser, a mailto link in the composer; nothing else opens at all
     * (ftp:, file:, javascript:, data:, jar: and the like).
     */
    public boolean follow(String location) {
        if (location == null || location.isEmpty() || location.equals("about:blank")) {
            return false;
        }
        try {
            URI uri = new URI(location);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                onWebLink.accept(URI.create(scheme + location.substring(scheme.length())));
            } else if (scheme.equals("mailto")) {
                mailTo(uri);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // A malformed link goes nowhere; the mail stays as it is.
        }
        return true;
    }

    private void mailTo(URI uri) {
        String part = uri.getSchemeSpecificPart() == null ? "" : uri.getSchemeSpecificPart();
        int query = part.indexOf('?');
        String to = (query < 0 ? part : part.substring(0, query)).strip();
        String subject = "";
        if (query >= 0) {
            for (String pair : part.substring(query + 1).split("&")) {
                if (pair.regionMatches(true, 0, "subject=", 0, 8)) {
                    subject = pair.substring(8).strip();
                }
            }
        }
        if (!to.isEmpty() && to.indexOf('@') > 0) {
            onMailTo.accept(to, subject);
        }
    }

    // ---- Commands

    public void open(String gmailId) {
        long gen = ++generation;
        loading.set(true);
        error.set(null);
        tasks.submit(() -> fetch(gmailId), (Fetched f) -> {
            if (gen == generation) {
                loading.set(false);
                show(f.message(), f.fromCache());
            }
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                error.set("Could not open this mail. " + ErrorText.of(failure));
            }
        });
    }

    /** Lets this message's remote images load (they tell the sender the mail was opened). */
    public void showImages() {
        MailMessage m = message.get();
        if (m != null && !imagesShown.get()) {
            imagesShown.set(true);
            document.set(MailDocument.of(m, true));
        }
    }

    public void reply() {
        Optional.ofNullable(message.get()).ifPresent(onReply);
    }

    /** Opens the composer with DONNA's draft of a reply (nothing is sent). */
    public void draftWithDonna() {
        Optional.ofNullable(message.get()).ifPresent(onDraft);
    }

    public void close() {
        generation++;
        message.set(null);
        document.set(null);
        remoteImages.set(false);
        imagesShown.set(false);
        saved.set(false);
        loading.set(false);
    }

    // ---- Internals

    private record Fetched(MailMessage message, boolean fromCache) {}

    private Fetched fetch(String gmailId) {
        try {
            MailMessage m = service.message(gmailId);
            cache.saveMessage(m);
            return new Fetched(m, false);
        } catch (ServiceException e) {
            // Unreachable, busy, or Gmail not linked just now: the copy saved when it was last opened will do.
            if (!e.error().retryable() && e.error().status() != 409) {
                throw e;
            }
            return cache.message(gmailId).map(m -> new Fetched(m, true)).orElseThrow(() -> e);
        }
    }

    private void show(MailMessage m, boolean fromCache) {
        message.set(m);
        imagesShown.set(false);
        remoteImages.set(MailDocument.hasRemoteImages(m));
        saved.set(fromCache);
        document.set(MailDocument.of(m, false));
    }
}
