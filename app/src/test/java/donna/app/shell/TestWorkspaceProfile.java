package donna.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import donna.core.chat.Profile;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** Opening a workspace sets the next conversation's profile; a conversation under way keeps its own. */
class TestWorkspaceProfile {
    private final ShellViewModel shell = new ShellViewModel(false);
    private final SimpleObjectProperty<Profile> profile = new SimpleObjectProperty<>(Profile.GENERAL);
    private final AtomicBoolean newChat = new AtomicBoolean(true);

    @Test
    void each_workspace_sets_its_profile_for_a_new_chat() {
        WorkspaceProfile.follow(shell.pageProperty(), profile, newChat::get);

        shell.show(Page.SALES);
        assertThat(profile.get()).isEqualTo(Profile.SALES);
        shell.show(Page.TODAY);
        assertThat(profile.get()).isEqualTo(Profile.RECEPTIONIST);
        shell.show(Page.MARKETING);
        assertThat(profile.get()).isEqualTo(Profile.MARKETING);
        shell.show(Page.MAIL);
        assertThat(profile.get()).as("not a workspace: nothing changes").isEqualTo(Profile.MARKETING);
    }

    @Test
    void a_conversation_under_way_keeps_its_profile() {
        WorkspaceProfile.follow(shell.pageProperty(), profile, newChat::get);
        newChat.set(false);

        shell.show(Page.SALES);
        assertThat(profile.get()).isEqualTo(Profile.GENERAL);
        assertThat(WorkspaceProfile.of(Page.CHAT)).isEmpty();
    }
}
