package donna.app.insights;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.ServiceException;
import donna.core.insights.ConversationFilter;
import donna.core.insights.ConversationSort;
import donna.core.insights.SavedView;
import java.util.Comparator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Conversations tab's saved views: save the list's filters and order under a name, choose one to apply it,
 * delete the chosen one. The list shows only what the service stored: a view appears once the service saved it and
 * goes once the service deleted it.
 */
public final class SavedViewsViewModel {
    /** The service's limit on a view's name. */
    static final int MAX_NAME = 80;
    private static final Comparator<SavedView> BY_NAME = Comparator.comparing(v -> v.name().toLowerCase());

    private final InsightsService service;
    private final TaskExecutor tasks;
    private final ConversationsViewModel list;
    private final ObservableList<SavedView> views = FXCollections.observableArrayList();
    private final ObjectProperty<SavedView> chosen = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private boolean loaded;

    SavedViewsViewModel(InsightsService service, TaskExecutor tasks, ConversationsViewModel list) {
        this.service = service;
        this.tasks = tasks;
        this.list = list;
        chosen.addListener((o, was, now) -> {
            if (now != null) {
                apply(now);
            }
        });
    }

    /** The person's views, by name. */
    public ObservableList<SavedView> views() {
        return views;
    }

    /** The view chosen in the chooser: choosing one applies it. */
    public ObjectProperty<SavedView> chosenProperty() {
        return chosen;
    }

    /** The name to save the current filters under. */
    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last action did ("Saved “Voice trouble”."). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Reads the views the first time the list is read. */
    void loadOnce() {
        if (!loaded) {
            loaded = true;
            load();
        }
    }

    /** Reads the views again. */
    public void load() {
        busy.set(true);
        tasks.submit(service::savedViews, found -> {
            busy.set(false);
            error.set(null);
            views.setAll(found.stream().sorted(BY_NAME).toList());
        }, failure -> {
            busy.set(false);
            loaded = false;
            error.set("Could not load the saved views. " + ErrorText.of(failure));
        });
    }

    /** Saves the list's filters and order as they are in the fields under {@link #nameProperty()}. */
    public void save() {
        String n = name.get() == null ? "" : name.get().strip();
        if (n.isEmpty()) {
            error.set("Name the view first.");
            return;
        }
        if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            error.set("A view's name has at most " + MAX_NAME + " characters.");
            return;
        }
        ConversationFilter filter;
        try {
            filter = list.filterNow();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        ConversationSort sort = list.sortProperty().get().wire();
        busy.set(true);
        tasks.submit(() -> service.createSavedView(n, filter, sort), saved -> {
            busy.set(false);
            error.set(null);
            views.add(saved);
            FXCollections.sort(views, BY_NAME);
            name.set("");
            status.set("Saved \u201c" + saved.name() + "\u201d.");
        }, failure -> {
            busy.set(false);
            error.set(failure instanceof ServiceException e && "name_taken".equals(e.error().code())
                    ? "You already have a view named \u201c" + n + "\u201d."
                    : "Could not save the view. " + ErrorText.of(failure));
        });
    }

    /** Puts the view's filters and order in place and reads the list. */
    public void apply(SavedView view) {
        error.set(null);
        list.show(view.filter(), view.sort());
        status.set("Showing \u201c" + view.name() + "\u201d.");
    }

    /** Deletes the chosen view. */
    public void deleteChosen() {
        SavedView view = chosen.get();
        if (view == null) {
            error.set("Choose a view to delete.");
            return;
        }
        busy.set(true);
        tasks.submit(() -> {
            service.deleteSavedView(view.id());
            return view;
        }, gone -> {
            busy.set(false);
            error.set(null);
            views.removeIf(v -> v.id().equals(gone.id()));
            chosen.set(null);
            status.set("Deleted \u201c" + gone.name() + "\u201d.");
        }, failure -> {
            busy.set(false);
            error.set("Could not delete the view. " + ErrorText.of(failure));
        });
    }
}
