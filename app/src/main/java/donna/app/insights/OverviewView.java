package donna.app.insights;

import atlantafx.base.theme.Styles;
import donna.core.insights.Conversation;
import donna.core.insights.FailureCount;
import donna.core.insights.TrendPoint;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Overview tab: period and source, four tiles, the health trend, failures by kind, the worst conversations. */
final class OverviewView extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    OverviewView(OverviewViewModel vm, Consumer<Conversation> open, ZoneId zone) {
        setSpacing(10);
        setPadding(new Insets(12, 0, 0, 0));

        ComboBox<Period> period = new ComboBox<>(FXCollections.observableArrayList(Period.values()));
        period.setId("insights-period");
        period.setAccessibleText("Period");
        period.valueProperty().bindBidirectional(vm.periodProperty());
        ComboBox<SourceChoice> source = new ComboBox<>(FXCollections.observableArrayList(SourceChoice.values()));
        source.setId("insights-source");
        source.setAccessibleText("Source");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("insights-refresh");
        refresh.setAccessibleText("Refresh");
        refresh.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refresh.disableProperty().bind(vm.loadingProperty());
        refresh.setOnAction(e -> vm.refresh());
        Label loading = new Label("Loading\u2026");
        loading.getStyleClass().add(Styles.TEXT_MUTED);
        loading.visibleProperty().bind(vm.loadingProperty());
        HBox bar = new HBox(8, period, source, refresh, loading);
        bar.setAlignment(Pos.CENTER_LEFT);

        HBox tiles = new HBox(12, tile("insights-tile-conversations", "Conversations", vm.conversationsProperty()),
                tile("insights-tile-health", "Average health", vm.averageHealthProperty()),
                tile("insights-tile-open", "Open failures", vm.openFailuresProperty()),
                tile("insights-tile-share", "With failures", vm.shareWithFailuresProperty()));

        CategoryAxis days = new CategoryAxis();
        NumberAxis score = new NumberAxis(0, 100, 20);
        score.setLabel("Health");
        LineChart<String, Number> trend = new LineChart<>(days, score);
        trend.setId("insights-health-chart");
        trend.setTitle("Health by day");
        trend.setLegendVisible(false);
        trend.setAnimated(false);
        trend.setPrefHeight(240);
        // On a short window the lists below give way (they scroll), not the charts: a chart squeezed under ~200 px
        // drops its labels.
        trend.setMinHeight(210);
        XYChart.Series<String, Number> line = new XYChart.Series<>();
        trend.getData().add(line);
        Runnable drawLine = () -> line.getData().setAll(vm.health().stream().map((TrendPoint p) ->
                new XYChart.Data<String, Number>(DAY.format(p.start().atZone(zone)), p.averageHealth())).toList());
        vm.health().addListener((ListChangeListener<TrendPoint>) c -> drawLine.run());
        drawLine.run();

        CategoryAxis kinds = new CategoryAxis();
        NumberAxis count = new NumberAxis();
        count.setLabel("Failures");
        count.setMinorTickVisible(false);
        count.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.doubleValue() % 1 == 0 ? Integer.toString(n.intValue()) : ""; // counts are whole
            }

            @Override
            public Number fromString(String s) {
                return Integer.valueOf(s);
            }
        });
        // Bars lie down: the kinds' names read across instead of standing on end and squeezing the bars away.
        BarChart<Number, String> bars = new BarChart<>(count, kinds);
        bars.setId("insights-failures-chart");
        bars.setTitle("Failures by kind");
        bars.setLegendVisible(false);
        bars.setAnimated(false);
        bars.setPrefHeight(240);
        bars.setMinHeight(210);
        bars.setCategoryGap(4);
        kinds.setTickLabelGap(2);
        kinds.setTickLabelFont(javafx.scene.text.Font.font(11)); // every kind's name fits beside its bar
        XYChart.Series<Number, String> counts = new XYChart.Series<>();
        bars.getData().add(counts);
        // Most first from the top: a category axis runs upwards, so the least goes in first. The categories are set
        // here, not left to the axis: it keeps the kinds in the order it first saw them across redraws (a pane read
        // again while samples are scored put the most frequent kind in the middle).
        kinds.setAutoRanging(false);
        Runnable drawBars = () -> {
            List<FailureCount> upwards = vm.failuresByKind().reversed();
            counts.getData().clear();
            kinds.getCategories().setAll(upwards.stream().map(f -> InsightsText.kind(f.kind())).toList());
            counts.getData().setAll(upwards.stream()
                    .map((FailureCount f) -> new XYChart.Data<Number, String>(f.count(), InsightsText.kind(f.kind())))
                    .toList());
        };
        vm.failuresByKind().addListener((ListChangeListener<FailureCount>) c -> drawBars.run());
        drawBars.run();
        HBox charts = new HBox(12, trend, bars);
        HBox.setHgrow(trend, Priority.ALWAYS);
        HBox.setHgrow(bars, Priority.ALWAYS);

        Label worstTitle = new Label("Worst conversations");
        worstTitle.getStyleClass().add(Styles.TITLE_4);
        Label worstHint = new Label("Click one, or press Enter, to open it.");
        worstHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        ListView<Conversation> worst = new ListView<>(vm.worst());
        worst.setId("insights-worst");
        worst.setPrefHeight(150);
        worst.getStyleClass().add(Styles.DENSE);
        worst.setPlaceholder(new Label("No scored conversations in this period."));
        worst.setCellFactory(v -> new ListCell<>() {
            private final Tooltip whole = new Tooltip(); // a narrow column cuts the line; the whole of it on hover

            @Override
            protected void updateItem(Conversation c, boolean empty) {
                super.updateItem(c, empty);
                String line = empty || c == null ? null : worstLine(c, zone);
                setText(line);
                whole.setText(line);
                setTooltip(line == null ? null : whole);
            }
        });
        worst.setOnMouseClicked(e -> {
            if (e.getClickCount() >= 1 && worst.getSelectionModel().getSelectedItem() != null) {
                open.accept(worst.getSelectionModel().getSelectedItem());
            }
        });
        worst.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && worst.getSelectionModel().getSelectedItem() != null) {
                open.accept(worst.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(worst, Priority.ALWAYS);
        refresh.setOnAction(e -> {
            vm.refresh();
            vm.patterns().refresh();
        });
        // The worst conversations and the patterns side by side: both open conversations.
        VBox worstBox = new VBox(4, worstTitle, worstHint, worst);
        PatternsView patterns = new PatternsView(vm.patterns(), open, zone);
        HBox bottom = new HBox(16, worstBox, patterns);
        HBox.setHgrow(worstBox, Priority.ALWAYS);
        HBox.setHgrow(patterns, Priority.ALWAYS);
        worstBox.setPrefWidth(400);
        patterns.setPrefWidth(600);
        VBox.setVgrow(bottom, Priority.ALWAYS);

        getChildren().addAll(bar, Ui.errorWithRetry("insights-overview-error", vm.errorProperty(), vm::refresh),
                Ui.note("insights-overview-empty", vm.emptyProperty()), samples(vm), tiles, charts, bottom);
    }

    /** "Try it with sample conversations" on an empty pane; once they are here, what they are and Remove. */
    private static HBox samples(OverviewViewModel vm) {
        Button add = new Button("Try it with sample conversations");
        add.setId("insights-add-samples");
        add.visibleProperty().bind(vm.canAddSamplesProperty());
        add.managedProperty().bind(add.visibleProperty());
        add.setOnAction(e -> vm.addSamples());
        Label note = Ui.note("insights-samples-note", vm.samplesNoteProperty());
        Button remove = new Button("Remove samples");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.setId("insights-remove-samples");
        remove.getStyleClass().add(Styles.FLAT);
        remove.visibleProperty().bind(vm.samplesProperty().greaterThan(0));
        remove.managedProperty().bind(remove.visibleProperty());
        remove.setOnAction(e -> vm.removeSamples());
        HBox row = new HBox(8, add, note, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(note, Priority.ALWAYS);
        row.visibleProperty().bind(add.visibleProperty().or(note.visibleProperty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    static String worstLine(Conversation c, ZoneId zone) {
        return "Health " + InsightsText.health(c.healthScore()) + " \u00b7 " + InsightsText.title(c) + " \u00b7 "
                + InsightsText.source(c.source()) + " \u00b7 " + InsightsText.when(c.startedAt(), zone) + " \u00b7 "
                + c.failureCount() + (c.failureCount() == 1 ? " failure" : " failures");
    }

    private static VBox tile(String id, String caption, ObservableStringValue value) {
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add(Styles.TITLE_2);
        number.textProperty().bind(value);
        Label text = new Label(caption);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox tile = new VBox(2, number, text);
        tile.getStyleClass().add("insights-tile");
        tile.setPadding(new Insets(10, 16, 10, 16));
        HBox.setHgrow(tile, Priority.ALWAYS);
        tile.setMaxWidth(Double.MAX_VALUE);
        return tile;
    }
}
