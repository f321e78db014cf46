package donna.app.shell;

import atlantafx.base.theme.Styles;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window's layout: demo banner on top, navigation left, the current pane, the status line. A pane is built
 * and joins the scene the first time it is shown, and the first one only when {@link #showCurrentPage()} is called:
 * the app calls it after the window's first frame, so that frame is the shell alone (docs/performance.md).
 */
public final class ShellView extends BorderPane {
    private static final Map<Page, Ikon> ICONS = Map.of(Page.CHAT, Feather.MESSAGE_SQUARE, Page.VOICE, Feather.MIC,
            Page.TODAY, Feather.INBOX, Page.MAIL, Feather.MAIL, Page.SALES, Feather.BRIEFCASE, Page.MARKETING,
            Feather.SEND, Page.INSIGHTS, Feather.BAR_CHART_2, Page.SETTINGS, Feather.SETTINGS);

    private final ShellViewModel vm;
    private final Map<Page, Supplier<? extends Node>> makers = new EnumMap<>(Page.class);
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final StackPane content = new StackPane();
    private boolean showing;

    /**
     * @param panes how to build each pane (Insights may be left out: a placeholder then); each is built once, when
     *              first shown
     */
    public ShellView(ShellViewModel vm, Map<Page, Supplier<? extends Node>> panes) {
        this.vm = vm;
        getStyleClass().add("shell");
        makers.putAll(panes);
        for (Page page : Page.values()) {
            if (page != Page.INSIGHTS && !makers.containsKey(page)) {
                throw new IllegalArgumentException("no pane for " + page);
            }
        }
        makers.putIfAbsent(Page.INSIGHTS, () -> new ComingSoonPage(Page.INSIGHTS, Feather.BAR_CHART_2, "How your "
                + "conversations are going: health scores, failures and trends, with alerts when something needs "
                + "your attention."));
        content.getStyleClass().add("content");
        // Styling and laying out every pane before the first frame cost more than the rest of the window, and
        // building the chat pane as much again (docs/performance.md).
        vm.pageProperty().addListener((o, old, page) -> {
            if (showing) {
                attach(page);
            }
        });

        setTop(banner(vm));
        setLeft(navigation(vm));
        setCenter(content);
        setBottom(statusLine(vm));
    }

    /** Builds and shows the current pane, and from now on each pane when navigated to. */
    public void showCurrentPage() {
        showing = true;
        attach(vm.pageProperty().get());
    }

    private void attach(Page page) {
        if (pages.containsKey(page)) {
            return;
        }
        Node node = makers.get(page).get();
        if (node.getId() == null) {
            node.setId("page-" + page.name().toLowerCase(Locale.ROOT));
        }
        // Hidden until bound, as a pane built before it was shown used to be: a pane that starts or stops work
        // when shown or hidden (the Voice pane's level meter) sees its first showing.
        node.setVisible(false);
        node.managedProperty().bind(node.visibleProperty());
        pages.put(page, node);
        content.getChildren().add(node);
        node.visibleProperty().bind(vm.pageProperty().isEqualTo(page));
    }

    private static Node banner(ShellViewModel vm) {
        Label text = new Label(vm.demoText(), new FontIcon(Feather.INFO));
        text.setId("demo-banner");
        text.setWrapText(true);
        HBox banner = new HBox(text);
        banner.getStyleClass().add("demo-banner");
        banner.visibleProperty().bind(vm.demoProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private static Node navigation(ShellViewModel vm) {
        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12, 8, 12, 8));
        Label brand = new Label("DONNA");
        brand.getStyleClass().addAll(Styles.TITLE_3, "brand");
        nav.getChildren().add(brand);
        for (Page page : Page.values()) {
            ToggleButton b = new ToggleButton(page.title(), new FontIcon(ICONS.get(page)));
            b.setId("nav-" + page.name().toLowerCase(Locale.ROOT));
            b.getStyleClass().addAll("nav-button", Styles.FLAT);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setUserData(page);
            b.setToggleGroup(group);
            b.setSelected(vm.pageProperty().get() == page);
            nav.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                group.selectToggle(old); // one pane is always shown
            } else {
                vm.show((Page) now.getUserData());
            }
        });
        vm.pageProperty().addListener((o, old, page) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == page).findFirst().ifPresent(group::selectToggle));
        return nav;
    }

    private static Node statusLine(ShellViewModel vm) {
        FontIcon dot = new FontIcon(Feather.CIRCLE);
        dot.getStyleClass().add("status-dot");
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hints = new Label();
        hints.setId("hints");
        hints.textProperty().bind(vm.hintsProperty());
        hints.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox line = new HBox(8, dot, status, spacer, hints);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add("status-line");
        vm.statusKindProperty().addListener((o, old, kind) -> kindClass(line, kind));
        kindClass(line, vm.statusKindProperty().get());
        return line;
    }

    private static void kindClass(Node line, ShellViewModel.StatusKind kind) {
        line.getStyleClass().removeAll("status-pending", "status-ok", "status-error");
        line.getStyleClass().add("status-" + kind.name().toLowerCase(Locale.ROOT));
    }
}
