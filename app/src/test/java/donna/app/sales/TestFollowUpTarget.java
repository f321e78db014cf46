package donna.app.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.mail.MailSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which mail of a lead's thread "Draft a follow-up" answers: the lead's newest, never the person's own reply. */
class TestFollowUpTarget {
    private static final Lead ANN = new Lead("l-1", "Ann Lee", "Ann@Example.com", null, "new", "hot", "asked",
            "mail", null, null, List.of("t-1"));

    @Test
    void the_leads_newest_mail_in_the_thread_is_answered_not_the_persons_own_reply() {
        List<MailSummary> thread = List.of(mail("m1", "Ann Lee <ann@example.com>"),
                mail("m2", "Sam <sam@example.com>"), mail("m3", "ann@example.com"), mail("m4", "Sam <sam@example.com>"));

        assertThat(BackendSalesService.newestFromLead(ANN, thread)).isEqualTo("m3");
    }

    @Test
    void a_thread_without_mail_from_the_lead_answers_its_first_and_an_empty_one_is_an_error() {
        assertThat(BackendSalesService.newestFromLead(ANN, List.of(mail("m1", "Bo <bo@example.com>"),
                mail("m2", "Sam <sam@example.com>")))).isEqualTo("m1");

        assertThatThrownBy(() -> BackendSalesService.newestFromLead(ANN, List.of()))
                .isInstanceOf(ServiceException.class).hasMessageContaining("no longer in Gmail");
    }

    private static MailSummary mail(String id, String from) {
        return new MailSummary(id, "t-1", from, "sam@example.com", "Quote", Instant.EPOCH, "", false);
    }
}
