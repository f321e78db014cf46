package donna.app.sales;

import donna.app.connection.BackendConnection;
import donna.core.leads.Lead;
import donna.core.leads.LeadFilter;
import java.util.List;

/** {@link SalesService} over the companion service; fails with "starting" until the connection is up. */
public final class BackendSalesService implements SalesService {
    private final BackendConnection connection;

    public BackendSalesService(BackendConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<Lead> leads(LeadFilter filter) {
        return connection.client().leads(filter);
    }

    @Override
    public Lead setStage(String leadId, String stage) {
        return connection.client().setLeadStage(leadId, stage);
    }
}
