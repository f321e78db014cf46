package donna.backend.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.SendService;
import donna.backend.http.RouteGroup;
import donna.backend.webhooks.WebhookEvents;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Marketing's campaigns (issue 14), put together: the service that makes drafts and moves them, the sender that
 * sends running ones through the exactly-once path, the reply check, their routes and this instance's poller.
 */
public final class Campaigns implements AutoCloseable {
    private final CampaignService service;
    private final CampaignSender sender;
    private final CampaignPoller poller;
    private final CampaignRoutes routes;

    private Campaigns(CampaignService service, CampaignSender sender, CampaignPoller poller, CampaignRoutes routes) {
        this.service = service;
        this.sender = sender;
        this.poller = poller;
        this.routes = routes;
    }

    /**
     * @param poll how often this instance sends what is due (zero: never; tests run {@link #runDueNow})
     */
    public static Campaigns create(Jdbi jdbi, ObjectMapper mapper, GmailAccess access, Inbox inbox,
            SendService sendService, WebhookEvents events, Duration poll) {
        CampaignStore store = new CampaignStore(jdbi, mapper);
        CampaignPoller[] poller = new CampaignPoller[1];
        CampaignService service = new CampaignService(store, new GmailAudience(access, inbox), events, mapper,
                () -> poller[0].start());
        CampaignSender sender = new CampaignSender(jdbi, sendService, access, service, events);
        poller[0] = new CampaignPoller(sender, poll);
        Campaigns campaigns = new Campaigns(service, sender, poller[0],
                new CampaignRoutes(service, new ReplyCheck(jdbi, access, inbox), mapper));
        boolean anyRunning = jdbi.withHandle(h -> h.createQuery("select exists (select 1 from campaigns "
                + "where status = 'running')").mapTo(Boolean.class).one());
        if (anyRunning) {
            poller[0].start(); // a restart in the middle of a campaign goes on with it
        }
        return campaigns;
    }

    public CampaignService service() {
        return service;
    }

    public RouteGroup routes() {
        return routes;
    }

    /** Sends what is due now, as the poller does (the tests' "run due now" hook); how many recipients settled. */
    public int runDueNow() {
        return sender.runDue();
    }

    @Override
    public void close() {
        poller.close();
    }
}
