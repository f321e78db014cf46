package donna.app.sales;

import donna.core.ServiceError;
import donna.core.api.ServiceException;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import java.util.List;

/** What the Sales workspace needs from the service ({@code /api/leads}). Blocking; ServiceException on failure. */
public interface SalesService {

    List<Lead> leads(LeadFilter filter);

    /** Moves a lead to another stage; the lead as stored comes back. */
    Lead setStage(String leadId, String stage);

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
