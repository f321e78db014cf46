package donna.app.sales;

import atlantafx.base.theme.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * "Find leads in my inbox" on screen: progress and Cancel while the scan runs, then each proposal with a tick box
 * (Tab to it, Space to tick) and one button to add the ticked ones. Shown once a scan has started.
 */
final class LeadScanPanel extends VBox {
    LeadScanPanel(LeadScanViewModel vm) {
        setId("sales-scan");
        getStyleClass().add("sales-scan");
        setSpacing(6);

        ProgressBar bar = new ProgressBar();
        bar.setId("sales-scan-progress");
        bar.setPrefWidth(220);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("sales-scan-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("sales-scan-cancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.disableProperty().bind(vm.busyProperty());
        cancel.setOnAction(e -> vm.cancel());
        HBox progressRow = new HBox(10, bar, status, cancel);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);

        Label error = new Label();
        error.setId("sales-scan-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox rows = new VBox(4);
        rows.setId("sales-proposals");
        vm.proposals().addListener((ListChangeListener<ProposalRow>) c -> fill(rows, vm));
        fill(rows, vm);
        ScrollPane scroll = new ScrollPane(rows);
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(150);
        scroll.visibleProperty().bind(Bindings.isNotEmpty(vm.proposals()));
        scroll.managedProperty().bind(scroll.visibleProperty());

        Button add = new Button();
        add.setId("sales-add-leads");
        add.getStyleClass().add(Styles.ACCENT);
        add.textProperty().bind(Bindings.createStringBinding(() -> vm.chosenCountProperty().get() == 1
                ? "Add 1 lead" : "Add " + vm.chosenCountProperty().get() + " leads", vm.chosenCountProperty()));
        add.disableProperty().bind(vm.chosenCountProperty().isEqualTo(0).or(vm.busyProperty()));
        add.visibleProperty().bind(scroll.visibleProperty());
        add.managedProperty().bind(add.visibleProperty());
        add.setOnAction(e -> vm.addChosen());

        getChildren().addAll(progressRow, error, scroll, add);
        visibleProperty().bind(vm.runningProperty().or(vm.statusProperty().isNotEmpty())
                .or(vm.errorProperty().isNotEmpty()));
        managedProperty().bind(visibleProperty());

        // Progress is asked for twice a second while the scan runs, and not at all otherwise.
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(500), e -> vm.poll()));
        poll.setCycleCount(Timeline.INDEFINITE);
        vm.runningProperty().addListener((o, was, now) -> {
            if (now) {
                poll.play();
            } else {
                poll.stop();
            }
        });
    }

    private static void fill(VBox rows, LeadScanViewModel vm) {
        rows.getChildren().setAll(vm.proposals().stream().map(r -> {
            CheckBox box = new CheckBox(r.text());
            box.getStyleClass().add("sales-proposal");
            box.setWrapText(true);
            box.selectedProperty().bindBidirectional(r.chosenProperty());
            return box;
        }).toList());
    }
}
