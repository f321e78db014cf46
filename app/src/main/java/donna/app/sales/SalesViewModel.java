package donna.app.sales;

import donna.app.actions.ActionCards;
import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Sales workspace: the person's leads by stage (filtered by stage, category and words), the follow-ups due
 * today, and a lead's move to another stage. DONNA fills the leads ({@code classify_lead}); this pane reads them
 * again each time it is shown. Errors show inline; nothing is changed on screen that the service did not store.
 */
public final class SalesViewModel {
    /** The filter choice that filters nothing. */
    public static final String ALL = "all";
    private static final Comparator<Lead> BY_STAGE = Comparator.<Lead>comparingInt(l -> stageOrder(l.stage()))
            .thenComparing(l -> l.name() == null ? "" : l.name().toLowerCase(Locale.ROOT));

    private final SalesService service;
    private final TaskExecutor tasks;
    private final Supplier<LocalDate> today;
    private final ObservableList<Lead> leads = FXCollections.observableArrayList();
    private final ObservableList<Lead> readOnlyLeads = FXCollections.unmodifiableObservableList(leads);
    private final ObservableList<Lead> due = FXCollections.observableArrayList();
    private final ObservableList<Lead> readOnlyDue = FXCollections.unmodifiableObservableList(due);
    private final ObjectProperty<String> stageFilter = new SimpleObjectProperty<>(ALL);
    private final ObjectProperty<String> categoryFilter = new SimpleObjectProperty<>(ALL);
    private final StringProperty query = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Lead> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final LeadScanViewModel scan;
    private final LeadDetailViewModel detail;
    private long generation;

    /** @param today the person's day (follow-ups due on or before it) */
    public SalesViewModel(SalesService service, TaskExecutor tasks, Supplier<LocalDate> today) {
        this(service, tasks, today, ActionCards.detached(tasks, Runnable::run));
    }

    /** @param cards where a follow-up draft becomes a card (the app's, shared with chat and voice) */
    public SalesViewModel(SalesService service, TaskExecutor tasks, Supplier<LocalDate> today, ActionCards cards) {
        this.service = service;
        this.tasks = tasks;
        this.today = today;
        this.scan = new LeadScanViewModel(service, tasks, this::refresh);
        this.detail = new LeadDetailViewModel(service, tasks, cards, this::saved);
        stageFilter.addListener((o, was, now) -> refresh());
        categoryFilter.addListener((o, was, now) -> refresh());
        selected.addListener((o, was, now) -> detail.show(now));
    }

    /** "Find leads in my inbox". */
    public LeadScanViewModel scan() {
        return scan;
    }

    /** The selected lead's threads, notes, follow-up day and follow-up draft. */
    public LeadDetailViewModel detail() {
        return detail;
    }

    /** A lead saved in its detail: the lists show it as stored. */
    private void saved(Lead lead) {
        String only = choice(stageFilter.get());
        replace(leads, lead, only == null || only.equals(lead.stage()));
        replace(due, lead, lead.followUpDue(today.get()));
        if (lead.followUpDue(today.get()) && due.stream().noneMatch(l -> l.id().equals(lead.id()))) {
            due.add(lead);
        }
        if (selected.get() != null && selected.get().id().equals(lead.id())) {
            selected.set(lead);
        }
    }

    public static List<String> stageChoices() {
        List<String> out = new ArrayList<>(List.of(ALL));
        out.addAll(Lead.STAGES);
        return out;
    }

    public static List<String> categoryChoices() {
        List<String> out = new ArrayList<>(List.of(ALL));
        out.addAll(Lead.CATEGORIES);
        return out;
    }

    /** The leads the filters select, by stage (new first) then name. */
    public ObservableList<Lead> leads() {
        return readOnlyLeads;
    }

    /** Every lead whose follow-up is today or earlier, whatever the filters, soonest first. */
    public ObservableList<Lead> dueToday() {
        return readOnlyDue;
    }

    public ObjectProperty<String> stageFilterProperty() {
        return stageFilter;
    }

    public ObjectProperty<String> categoryFilterProperty() {
        return categoryFilter;
    }

    /** Words to find (applied by {@link #refresh}, which the view calls on Enter). */
    public StringProperty queryProperty() {
        return query;
    }

    public ReadOnlyObjectProperty<Lead> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "3 leads: 2 new, 1 qualified", or what to do when there are none. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public void select(Lead lead) {
        selected.set(lead);
    }

    /** Reads the leads (as filtered) and the follow-ups due again. */
    public void refresh() {
        long gen = ++generation;
        LeadFilter filter = new LeadFilter(choice(stageFilter.get()), choice(categoryFilter.get()),
                query.get() == null || query.get().isBlank() ? null : query.get().strip(), false);
        loading.set(true);
        tasks.submit(() -> new Loaded(service.leads(filter), service.leads(new LeadFilter(null, null, null, true))),
                loaded -> {
                    if (gen != generation) {
                        return; // a newer refresh is on its way
                    }
                    loading.set(false);
                    error.set(null);
                    leads.setAll(loaded.leads().stream().sorted(BY_STAGE).toList());
                    LocalDate day = today.get();
                    due.setAll(loaded.due().stream().filter(l -> l.followUpDue(day)).toList());
                    reselect();
                    summarise();
                }, failure -> {
                    if (gen == generation) {
                        loading.set(false);
                        error.set("Could not load your leads. " + ErrorText.of(failure));
                    }
                });
    }

    /** Moves a lead to {@code stage}; the lists show what the service stored. */
    public void moveStage(Lead lead, String stage) {
        if (lead == null || stage == null || stage.equals(lead.stage()) || !Lead.STAGES.contains(stage)) {
            return;
        }
        error.set(null);
        tasks.submit(() -> service.setStage(lead.id(), stage), moved -> {
            String only = choice(stageFilter.get());
            replace(leads, moved, only == null || only.equals(moved.stage()));
            leads.sort(BY_STAGE);
            replace(due, moved, moved.followUpDue(today.get()));
            if (selected.get() != null && selected.get().id().equals(moved.id())) {
                selected.set(moved);
            }
            summarise();
        }, failure -> error.set("Could not move \u201c" + lead.name() + "\u201d to " + stage + ". "
                + ErrorText.of(failure)));
    }

    private record Loaded(List<Lead> leads, List<Lead> due) {}

    private static void replace(ObservableList<Lead> list, Lead moved, boolean keep) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id().equals(moved.id())) {
                if (keep) {
                    list.set(i, moved);
                } else {
                    list.remove(i);
                }
                return;
            }
        }
    }

    private void reselect() {
        Lead was = selected.get();
        selected.set(was == null ? null : leads.stream().filter(l -> l.id().equals(was.id())).findFirst()
                .orElse(null));
    }

    private void summarise() {
        if (leads.isEmpty()) {
            boolean filtered = choice(stageFilter.get()) != null || choice(categoryFilter.get()) != null
                    || (query.get() != null && !query.get().isBlank());
            summary.set(filtered ? "No leads match these filters."
                    : "No leads yet. Ask DONNA, e.g. \u201cclassify Sam Reed sam@acme.example as a hot lead\u201d.");
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String stage : Lead.STAGES) {
            long n = leads.stream().filter(l -> stage.equals(l.stage())).count();
            if (n > 0) {
                parts.add(n + " " + stage);
            }
        }
        summary.set(leads.size() + (leads.size() == 1 ? " lead: " : " leads: ") + String.join(", ", parts));
    }

    private static String choice(String value) {
        return value == null || ALL.equals(value) ? null : value;
    }

    private static int stageOrder(String stage) {
        int i = Lead.STAGES.indexOf(stage);
        return i < 0 ? Lead.STAGES.size() : i;
    }
}
