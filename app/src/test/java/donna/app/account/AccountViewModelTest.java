package donna.app.account;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.api.Me;
import donna.core.auth.ClerkSignIn;
import donna.core.auth.SignInConfig;
import donna.core.auth.SignInSession;
import donna.testkit.clerk.FakeClerk;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Account section's states, with the real flow against the fake Clerk and a same-thread executor. */
class AccountViewModelTest {
    private final FakeClerk clerk = FakeClerk.start();
    private final SimulatedBrowser browser = new SimulatedBrowser();
    private final AccountViewModel vm = new AccountViewModel(new SameThreadTaskExecutor(), Runnable::run, browser);
    private final AtomicInteger signedIn = new AtomicInteger();
    private final AtomicInteger signedOut = new AtomicInteger();
    private final ClerkSignIn flow = new ClerkSignIn(new SignInConfig(URI.create(clerk.issuer()),
            FakeClerk.DEFAULT_OAUTH_CLIENT_ID, URI.create("http://127.0.0.1:0/callback"), SignInConfig.DEFAULT_SCOPES),
            Clock.systemUTC());
    private final MemorySecretStore keychain = new MemorySecretStore();
    private final Me me = new Me("clerk", Optional.of(new Me.User("u1", "user_1", null)));

    AccountViewModelTest() {
        vm.onChange(signedIn::incrementAndGet, signedOut::incrementAndGet);
    }

    @AfterEach
    void stop() {
        clerk.close();
    }

    private SignInSession session() {
        return new SignInSession(flow, new SecretTokenVault(keychain), Clock.systemUTC());
    }

    @Test
    void bundled_mode_has_nothing_to_sign_in_to() {
        vm.local();
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.State.LOCAL);
        assertThat(vm.messageProperty().get()).contains("nothing to sign in to");
    }

    @Test
    void signed_out_then_signed_in_through_the_browser_shows_who() {
        vm.remote(flow, session(), () -> me);
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.State.SIGNED_OUT);
        assertThat(signedOut).hasValue(1);

        vm.signIn();

        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.State.SIGNED_IN);
        assertThat(vm.userProperty().get()).isEqualTo("Ada Lovelace (ada@example.com)");
        assertThat(signedIn).hasValue(1);
        assertThat(keychain.get()).isPresent();
    }

    @Test
    void a_kept_sign_in_is_used_at_start_and_sign_out_forgets_it() {
        SignInSession first = session();
        vm.remote(flow, first, () -> me);
        vm.signIn();

        AccountViewModel restarted = new AccountViewModel(new SameThreadTaskExecutor(), Runnable::run, browser);
        restarted.remote(flow, session(), () -> me);
        assertThat(restarted.stateProperty().get()).isEqualTo(AccountViewModel.State.SIGNED_IN);

        restarted.signOut();
        assertThat(restarted.stateProperty().get()).isEqualTo(AccountViewModel.State.SIGNED_OUT);
        assertThat(restarted.messageProperty().get()).isEqualTo("Signed out.");
        assertThat(keychain.get()).isEmpty();
    }

    @Test
    void a_failed_sign_in_says_what_happened_and_can_be_tried_again() {
        vm.remote(flow, session(), () -> me);
        clerk.denyNextAuthorize();

        vm.signIn();
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.State.SIGNED_OUT);
        assertThat(vm.messageProperty().get()).contains("Permission was not given");

        vm.signIn();
        assertThat(vm.stateProperty().get()).isEqualTo(AccountViewModel.State.SIGNED_IN);
    }
}
