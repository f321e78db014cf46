package donna.app.mail;

import atlantafx.base.theme.Styles;
import donna.core.mail.MailMessage;
import donna.core.oauth.Browser;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The open message. A WebView with JavaScript off shows the page the view model built (its Content-Security-Policy
 * lets nothing load from the network); "Show images" reloads it allowing images and puts the held-back sources back
 * (web addresses only). The WebView never leaves the mail's own page: every navigation is cancelled and the mail put
 * back; an http(s) link opens in the system browser, a mailto link in the composer, anything else nowhere
 * ({@link ReaderViewModel#follow}).
 */
final class ReaderView extends BorderPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm");

    private final ReaderViewModel vm;
    private final Browser browser;
    private final ZoneId zone;
    private final StackPane page = new StackPane();
    /** Made when the first mail opens: WebKit takes a while to start, and the window should not wait for it. */
    private WebView web;

    ReaderView(ReaderViewModel vm, Browser browser, ZoneId zone) {
        this.vm = vm;
        this.browser = browser;
        this.zone = zone;
        vm.setOnWebLink(this::openInBrowser);
        getStyleClass().add("mail-reader");
        vm.documentProperty().addListener((o, old, doc) -> web().getEngine().loadContent(doc == null ? "" : doc));

        Label placeholder = new Label("Choose a mail to read it here.");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.visibleProperty().bind(vm.messageProperty().isNull());
        page.getChildren().add(placeholder);

        setTop(header());
        setCenter(page);
    }

    private WebView web() {
        if (web == null) {
            web = new WebView();
            web.setId("mail-reader");
            web.setContextMenuEnabled(false);
            WebEngine engine = web.getEngine();
            engine.setJavaScriptEnabled(false);
            engine.locationProperty().addListener((o, old, now) -> stayOnTheMail(now));
            engine.getLoadWorker().stateProperty().addListener((o, old, state) -> {
                if (state == Worker.State.SUCCEEDED && vm.imagesShownProperty().get()) {
                    restoreRemoteImages(engine);
                }
            });
            web.visibleProperty().bind(vm.messageProperty().isNotNull());
            page.getChildren().addFirst(web);
        }
        return web;
    }

    private VBox header() {
        Label subject = new Label();
        subject.setId("mail-subject");
        subject.getStyleClass().add(Styles.TITLE_4);
        subject.setWrapText(true);
        Label from = new Label();
        from.getStyleClass().add(Styles.TEXT_MUTED);
        from.setMinWidth(0); // the sender shortens, the buttons keep their words
        vm.messageProperty().addListener((o, old, m) -> {
            subject.setText(m == null ? "" : m.subject() == null || m.subject().isBlank() ? "(no subject)"
                    : m.subject());
            from.setText(m == null ? "" : describe(m));
        });

        Button reply = new Button("Reply", new FontIcon(Feather.CORNER_UP_LEFT));
        reply.setId("mail-reply");
        reply.setOnAction(e -> vm.reply());
        Button draft = new Button("Draft with DONNA", new FontIcon(Feather.ZAP));
        draft.setId("mail-draft");
        draft.getStyleClass().add(Styles.ACCENT);
        draft.setOnAction(e -> vm.draftWithDonna());
        reply.setMinWidth(Region.USE_PREF_SIZE);
        draft.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, from, spacer, reply, draft);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label imagesText = new Label("Images from the internet are hidden: loading them tells the sender you opened "
                + "this mail.", new FontIcon(Feather.IMAGE));
        imagesText.setWrapText(true);
        HBox.setHgrow(imagesText, Priority.ALWAYS);
        Button show = new Button("Show images");
        show.setId("mail-show-images");
        show.setOnAction(e -> vm.showImages());
        show.setMinWidth(Region.USE_PREF_SIZE);
        imagesText.setMinWidth(0);
        HBox images = new HBox(8, imagesText, show);
        images.setId("mail-images-bar");
        images.setAlignment(Pos.CENTER_LEFT);
        images.getStyleClass().add("mail-images-bar");
        ViewParts.shownWhen(images, vm.remoteImagesProperty().and(vm.imagesShownProperty().not()));

        Label saved = new Label("Saved copy: the service or Gmail cannot be reached just now.",
                new FontIcon(Feather.WIFI_OFF));
        saved.getStyleClass().addAll("mail-offline", Styles.TEXT_SMALL);
        ViewParts.shownWhen(saved, vm.savedProperty());

        Label error = ViewParts.error(vm.errorProperty());

        VBox header = new VBox(6, subject, actions, images, saved, error);
        header.setPadding(new Insets(12, 16, 8, 16));
        header.getStyleClass().add("mail-reader-header");
        ViewParts.shownWhen(header, vm.messageProperty().isNotNull().or(vm.errorProperty().isNotEmpty()));
        return header;
    }

    private String describe(MailMessage m) {
        String when = m.date() == null ? "" : "  \u00b7  " + WHEN.format(m.date().atZone(zone));
        return (m.from() == null ? "" : m.from()) + when;
    }

    /** The page is going somewhere: unless it is the mail's own page, stop it and put the mail back. */
    private void stayOnTheMail(String location) {
        if (!vm.follow(location)) {
            return;
        }
        Platform.runLater(() -> {
            web.getEngine().getLoadWorker().cancel();
            String doc = vm.documentProperty().get();
            web.getEngine().loadContent(doc == null ? "" : doc);
        });
    }

    private void openInBrowser(URI uri) {
        try {
            browser.open(uri);
        } catch (RuntimeException e) {
            // No browser: the mail stays as it is.
        }
    }

    /** The service moved remote image sources aside; the person asked for them: put them back in the page. */
    private static void restoreRemoteImages(WebEngine engine) {
        if (engine.getDocument() == null) {
            return;
        }
        NodeList images = engine.getDocument().getElementsByTagName("img");
        for (int i = 0; i < images.getLength(); i++) {
            if (images.item(i) instanceof Element img && img.hasAttribute(MailDocument.REMOTE_SRC)) {
                String source = img.getAttribute(MailDocument.REMOTE_SRC);
                if (MailDocument.restorable(source)) {
                    img.setAttribute("src", source.strip());
                }
                img.removeAttribute(MailDocument.REMOTE_SRC);
            }
        }
    }
}
