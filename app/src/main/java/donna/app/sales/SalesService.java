package donna.app.sales;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import donna.core.leads.LeadScan;
import donna.core.tools.Draft;
import java.time.LocalDate;
import java.util.List;

/** What the Sales workspace needs from the service ({@code /api/leads}). Blocking; ServiceException on failure. */
public interface SalesService {

    List<Lead> leads(LeadFilter filter);

    /** Moves a lead to another stage; the lead as stored comes back. */
    Lead setStage(String leadId, String stage);

    /** Starts "Find leads in my inbox" (or answers the scan already running). */
    default LeadScan startScan() {
        throw unavailable();
    }

    default LeadScan scan(String scanId) {
        throw unavailable();
    }

    /** Asks the scan to stop. */
    default LeadScan cancelScan(String scanId) {
        throw unavailable();
    }

    /** Stores the chosen proposals as leads; the leads as stored. */
    default List<Lead> accept(String scanId, List<String> emails) {
        throw unavailable();
    }

    /** Saves a lead's notes and next follow-up day (null clears it); the lead as stored. */
    default Lead edit(String leadId, String notes, LocalDate nextFollowUp) {
        throw unavailable();
    }

    /** The threads the lead came from, each read from Gmail (one that cannot be read says why). */
    default List<LeadThread> threads(Lead lead) {
        throw unavailable();
    }

    /**
     * DONNA drafts a follow-up through the draft tool: a reply in the lead's newest thread, or a new mail to their
     * address when they came from no mail. A draft only: nothing is sent without the person's Send.
     */
    default Draft draftFollowUp(Lead lead) {
        throw unavailable();
    }

    private static ServiceException unavailable() {
        return new ServiceException(new ServiceError(0, "starting", "DONNA's service is still starting", null));
    }

    /** No service behind it (windows built without one): every call fails with "starting". */
    static SalesService detached() {
        return new SalesService() {
            private ServiceException starting() {
                return new ServiceException(new ServiceError(0, "starting", "DONNA's service is still starting",
                        null));
            }

            @Override
            public List<Lead> leads(LeadFilter filter) {
                throw starting();
            }

            @Override
            public Lead setStage(String leadId, String stage) {
                throw starting();
            }
        };
    }
}
