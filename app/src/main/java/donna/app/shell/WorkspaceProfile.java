package donna.app.shell;

import donna.core.chat.Profile;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The workspaces and the chat's profile agree (issue 14): opening Today, Sales or Marketing sets DONNA's profile
 * for the next conversation to the front desk's, sales' or marketing's, so what the person asks next is answered in
 * that role. A conversation under way keeps the profile it has: changing who DONNA is mid-conversation would
 * surprise; the person can still choose another in the chat.
 */
public final class WorkspaceProfile {
    private WorkspaceProfile() {}

    /** The profile a page stands for; empty for pages that are not a workspace. */
    public static Optional<Profile> of(Page page) {
        return Optional.ofNullable(switch (page) {
            case TODAY -> Profile.RECEPTIONIST;
            case SALES -> Profile.SALES;
            case MARKETING -> Profile.MARKETING;
            default -> null;
        });
    }

    /**
     * @param page    the page shown
     * @param profile the chat's profile
     * @param newChat whether the open chat has nothing in it yet
     */
    public static void follow(ObservableValue<Page> page, ObjectProperty<Profile> profile, BooleanSupplier newChat) {
        page.addListener((o, was, now) -> of(now).ifPresent(p -> {
            if (newChat.getAsBoolean()) {
                profile.set(p);
            }
        }));
    }
}
