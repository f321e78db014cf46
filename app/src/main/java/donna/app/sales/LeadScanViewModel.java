package donna.app.sales;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.leads.Lead;
import donna.core.leads.LeadProposal;
import donna.core.leads.LeadScan;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Find leads in my inbox": starts the service's scan, follows its progress (the view asks {@link #poll} about
 * twice a second while it runs), cancels it, and lists the proposals with a tick each; Add stores the ticked ones.
 * Nothing becomes a lead before that click.
 */
public final class LeadScanViewModel {
    private final SalesService service;
    private final TaskExecutor tasks;
    private final Runnable onAdded;
    private final ObservableList<ProposalRow> proposals = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.chosenProperty()});
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final IntegerBinding chosenCount;
    private LeadScan current;
    private boolean polling;

    /** @param onAdded after proposals were stored (the lead list is read again) */
    LeadScanViewModel(SalesService service, TaskExecutor tasks, Runnable onAdded) {
        this.service = service;
        this.tasks = tasks;
        this.onAdded = onAdded;
        chosenCount = Bindings.createIntegerBinding(() -> (int) proposals.stream()
                .filter(r -> r.chosenProperty().get()).count(), proposals);
    }

    public ObservableList<ProposalRow> proposals() {
        return proposals;
    }

    /** A scan is running (or stopping): progress shows and Cancel is offered. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** A request is on its way (start, cancel, add): the buttons wait. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0-1 of the senders judged; -1 while the inbox is being read (not known yet). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public IntegerBinding chosenCountProperty() {
        return chosenCount;
    }

    /** Starts a scan (the one already running, if any); earlier proposals not added are let go. */
    public void find() {
        if (busy.get() || running.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        proposals.clear();
        status.set("Reading your inbox\u2026");
        progress.set(-1);
        running.set(true);
        tasks.submit(service::startScan, scan -> {
            busy.set(false);
            show(scan);
        }, failure -> {
            busy.set(false);
            running.set(false);
            status.set("");
            error.set("Could not look through your inbox. " + ErrorText.of(failure));
        });
    }

    /** Asks how the running scan is doing (one request at a time). */
    public void poll() {
        LeadScan scan = current;
        if (scan == null || !scan.active() || polling) {
            return;
        }
        polling = true;
        tasks.submit(() -> service.scan(scan.id()), now -> {
            polling = false;
            if (current != null && current.id().equals(now.id())) {
                show(now);
            }
        }, failure -> {
            polling = false;
            error.set("Could not follow the scan. " + ErrorText.of(failure));
        });
    }

    /** Stops the scan before its next batch; what it found so far stays listed. */
    public void cancel() {
        LeadScan scan = current;
        if (scan == null || !scan.active()) {
            return;
        }
        busy.set(true);
        tasks.submit(() -> service.cancelScan(scan.id()), now -> {
            busy.set(false);
            show(now);
        }, failure -> {
            busy.set(false);
            error.set("Could not cancel the scan. " + ErrorText.of(failure));
        });
    }

    /** Stores the ticked proposals as leads; they leave the list once stored. */
    public void addChosen() {
        LeadScan scan = current;
        List<String> emails = proposals.stream().filter(r -> r.chosenProperty().get())
                .map(r -> r.proposal().email()).toList();
        if (scan == null || emails.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        tasks.submit(() -> service.accept(scan.id(), emails), (List<Lead> leads) -> {
            busy.set(false);
            proposals.removeIf(r -> emails.contains(r.proposal().email()));
            status.set("Added " + leads.size() + (leads.size() == 1 ? " lead" : " leads") + " to Sales."
                    + (proposals.isEmpty() ? "" : " " + proposals.size() + " more proposed."));
            onAdded.run();
        }, failure -> {
            busy.set(false);
            error.set("Could not add the leads. " + ErrorText.of(failure));
        });
    }

    private void show(LeadScan scan) {
        current = scan;
        status.set(statusOf(scan));
        running.set(scan.active());
        progress.set(scan.total() == 0 ? (scan.active() ? -1 : 1) : (double) scan.scanned() / scan.total());
        List<String> shown = proposals.stream().map(r -> r.proposal().email()).toList();
        List<ProposalRow> added = new ArrayList<>();
        for (LeadProposal p : scan.proposals()) {
            if (!shown.contains(p.email())) {
                added.add(new ProposalRow(p));
            }
        }
        proposals.addAll(added);
        if ("failed".equals(scan.status())) {
            error.set("The scan stopped. " + (scan.error() == null ? "" : scan.error()));
        }
    }

    static String statusOf(LeadScan s) {
        String found = s.proposals().size() + (s.proposals().size() == 1 ? " possible lead" : " possible leads");
        return switch (s.status()) {
            case "running" -> s.total() == 0 ? "Reading your inbox\u2026"
                    : "Judging senders: " + s.scanned() + " of " + s.total() + " \u00b7 " + found + " so far";
            case "cancelling" -> "Stopping after the senders being judged\u2026";
            case "cancelled" -> "Cancelled after " + s.scanned() + " of " + s.total() + " senders \u00b7 " + found
                    + ". Nothing was added.";
            case "failed" -> "Stopped \u00b7 " + found;
            default -> "Looked at " + s.mails() + (s.mails() == 1 ? " mail" : " mails") + " from " + s.total()
                    + (s.total() == 1 ? " new sender" : " new senders") + " \u00b7 " + found
                    + (s.proposals().isEmpty() ? "." : ". Tick the ones to add.");
        };
    }
}
