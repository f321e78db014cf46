package donna.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.common.SameThreadTaskExecutor;
import donna.core.mail.GmailStatus;
import donna.core.oauth.OAuthFlowException;
import org.junit.jupiter.api.Test;

/** The link to Gmail: status, connect, reconnect, cancel, disconnect. */
class TestMailViewModel {
    private final FakeMailService service = new FakeMailService();
    private int connectedCalls;
    private int unreachableCalls;
    private final MailViewModel vm = new MailViewModel(service, new SameThreadTaskExecutor(), () -> connectedCalls++,
            () -> unreachableCalls++);

    @Test
    void not_connected_offers_to_connect_and_connecting_loads_the_mail() {
        vm.refreshStatus();
        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.NOT_CONNECTED);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Gmail is not connected");
        assertThat(connectedCalls).isZero();

        vm.connect();

        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.CONNECTED);
        assertThat(vm.statusTextProperty().get()).isEqualTo("Connected as me@example.com");
        assertThat(vm.emailProperty().get()).isEqualTo("me@example.com");
        assertThat(vm.connectingProperty().get()).isFalse();
        assertThat(connectedCalls).isEqualTo(1);
        vm.refreshStatus();
        assertThat(connectedCalls).as("only a change to connected loads again").isEqualTo(1);
    }

    @Test
    void a_revoked_link_asks_to_be_connected_again() {
        service.status = new GmailStatus(GmailStatus.State.NEEDS_RECONNECT, "me@example.com");

        vm.refreshStatus();

        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.NEEDS_RECONNECT);
        assertThat(vm.statusTextProperty().get()).contains("connected again");
        vm.connect();
        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.CONNECTED);
    }

    @Test
    void a_timed_out_connect_says_why_and_keeps_the_link_as_it_was() {
        service.status = new GmailStatus(GmailStatus.State.NEEDS_RECONNECT, "me@example.com");
        vm.refreshStatus();
        service.failConnect(OAuthFlowException.Reason.TIMEOUT, "No answer from the browser within 5 minutes; try again");

        vm.connect();

        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.NEEDS_RECONNECT);
        assertThat(vm.errorProperty().get())
                .isEqualTo("Gmail was not connected. No answer from the browser within 5 minutes; try again.");
        assertThat(vm.connectingProperty().get()).isFalse();
    }

    @Test
    void cancelling_is_no_error() {
        service.failConnect(OAuthFlowException.Reason.CANCELLED, "Cancelled");

        vm.connect();

        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.NOT_CONNECTED);
    }

    @Test
    void an_unreachable_service_is_an_error_not_a_verdict_on_gmail() {
        service.unreachable = true;

        vm.refreshStatus();

        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.UNKNOWN);
        assertThat(vm.errorProperty().get()).startsWith("Could not check Gmail.");
        assertThat(unreachableCalls).as("the pane falls back to what is saved").isEqualTo(1);
    }

    @Test
    void disconnecting_forgets_the_link() {
        service.status = new GmailStatus(GmailStatus.State.CONNECTED, "me@example.com");
        vm.refreshStatus();

        vm.disconnect();

        assertThat(service.disconnects).isEqualTo(1);
        assertThat(vm.linkProperty().get()).isEqualTo(MailViewModel.Link.NOT_CONNECTED);
        assertThat(vm.emailProperty().get()).isNull();
    }
}
