package donna.app.account;

import donna.app.common.ErrorText;
import donna.app.common.TaskExecutor;
import donna.core.api.Me;
import donna.core.auth.ClerkSignIn;
import donna.core.auth.SignInSession;
import donna.core.oauth.Browser;
import donna.core.oauth.LoopbackReceiver;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Account section: who is signed in to a remote service, and the browser sign-in. In bundled mode there is no
 * one to sign in as (the service on this computer trusts its own app), and the section says so.
 */
public final class AccountViewModel {
    /** How long the person has to finish in the browser before the wait ends with a message. */
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);

    public enum State { CONNECTING, LOCAL, SIGNED_OUT, WAITING_FOR_BROWSER, SIGNED_IN }

    private final TaskExecutor tasks;
    private final Executor ui;
    private final Browser browser;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CONNECTING);
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Runnable onSignedIn = () -> { };
    private Runnable onSignedOut = () -> { };
    private ClerkSignIn flow;
    private SignInSession session;
    private Supplier<String> whoAmI;
    private volatile LoopbackReceiver waiting;

    public AccountViewModel(TaskExecutor tasks, Executor ui, Browser browser) {
        this.tasks = tasks;
        this.ui = ui;
        this.browser = browser;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The signed-in person, as the service knows them. */
    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What to do once someone is signed in (reload their chats), and once they are signed out (show this pane). */
    public void onChange(Runnable signedIn, Runnable signedOut) {
        this.onSignedIn = signedIn;
        this.onSignedOut = signedOut;
    }

    // ---- Set by the connection

    public void local() {
        state.set(State.LOCAL);
        message.set("DONNA runs on this computer: there is nothing to sign in to.");
    }

    /**
     * A remote service that signs in with Clerk.
     *
     * @param me GET /api/me with the session's token: proves the service accepts the sign-in
     */
    public void remote(ClerkSignIn signIn, SignInSession signInSession, Supplier<Me> me) {
        this.flow = signIn;
        this.session = signInSession;
        this.whoAmI = () -> {
            Me caller = me.get();
            return signInSession.displayName().orElseGet(() -> caller.user().map(u -> u.email() != null
                    && !u.email().isBlank() ? u.email() : u.clerkId()).orElse("signed in"));
        };
        signInSession.listener(reason -> ui.execute(() -> signedOut(reason)));
        if (signInSession.signedIn()) {
            loadUser();
        } else {
            signedOut("Sign in to use DONNA with this service.");
        }
    }

    // ---- Commands

    public void signIn() {
        if (flow == null || state.get() == State.WAITING_FOR_BROWSER) {
            return;
        }
        state.set(State.WAITING_FOR_BROWSER);
        message.set("Finish signing in in your browser. Waiting...");
        tasks.submit(() -> {
            session.signedIn(flow.signIn(browser, BROWSER_TIMEOUT, receiver -> waiting = receiver));
            return whoAmI.get();
        }, this::signedIn, failure -> signedOut(ErrorText.of(failure)));
    }

    public void cancel() {
        LoopbackReceiver receiver = waiting;
        if (receiver != null) {
            receiver.cancel();
        }
    }

    public void signOut() {
        if (session == null) {
            return;
        }
        SignInSession current = session;
        tasks.submit(() -> {
            current.signOut(); // the keychain may block
            return true;
        }, ok -> signedOut("Signed out."), failure -> message.set("Could not sign out: " + ErrorText.of(failure)));
    }

    private void loadUser() {
        tasks.submit(whoAmI::get, this::signedIn, failure -> {
            if (session.signedIn()) {
                state.set(State.SIGNED_IN);
                message.set("Signed in; could not load your profile: " + ErrorText.of(failure));
            } else {
                signedOut(ErrorText.of(failure));
            }
        });
    }

    private void signedIn(String who) {
        waiting = null;
        state.set(State.SIGNED_IN);
        user.set(who);
        message.set("");
        onSignedIn.run();
    }

    private void signedOut(String reason) {
        waiting = null;
        state.set(State.SIGNED_OUT);
        user.set("");
        message.set(reason);
        onSignedOut.run();
    }
}
