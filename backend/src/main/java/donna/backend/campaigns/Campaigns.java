package donna.backend.campaigns;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.config.BackendConfig;
import donna.backend.gmail.GmailAccess;
import donna.backend.gmail.Inbox;
import donna.backend.gmail.SendService;
import donna.backend.openai.ResponsesClient;
import donna.backend.http.RouteGroup;
import donna.backend.webhooks.WebhookEvents;
import org.jdbi.v3.core.Jdbi;

/**
 * Marketing's campaigns (issue 14), put together: the service that makes drafts and moves them, the sender that
 * sends running ones through the exactly-once path, the reply check, their routes and this instance's poller.
 */
public final class Campaigns implements AutoCloseable {
    private final CampaignService service;
    private final CampaignSender sender;
    private final ScheduledReplies replies;
    private final CampaignPoller poller;
    private final RouteGroup routes;

    private Campaigns(CampaignService service, CampaignSender sender, ScheduledReplies replies,
            CampaignPoller poller, RouteGroup routes) {
        this.service = service;
        this.sender = sender;
        this.replies = replies;
        this.poller = poller;
        this.routes = routes;
    }

    /**
     * @param settings how often this instance sends what is due (zero: never; tests run {@link #runDueNow}), how
     *                 often replies are looked for, and the public address for one-click unsubscribe
     */
    public static Campaigns create(Jdbi jdbi, ObjectMapper mapper, GmailAccess access, Inbox inbox,
            SendService sendService, WebhookEvents events, ResponsesClient model, String modelName,
            BackendConfig.Campaigns settings) {
        CampaignStore store = new CampaignStore(jdbi, mapper);
        CampaignPoller[] poller = new CampaignPoller[1];
        CampaignService service = new CampaignService(store, new GmailAudience(access, inbox), events, mapper,
                new Personaliser(model, modelName, mapper), () -> poller[0].start());
        CampaignSender sender = new CampaignSender(jdbi, sendService, access, service, events, settings.publicUrl());
        ReplyCheck check = new ReplyCheck(jdbi, access, inbox);
        ScheduledReplies replies = new ScheduledReplies(jdbi, check, settings.replyCheckInterval());
        poller[0] = new CampaignPoller(sender, replies, settings.pollInterval());
        Campaigns campaigns = new Campaigns(service, sender, replies, poller[0], RouteGroup.all(
                new CampaignRoutes(service, check, mapper), new UnsubscribeRoutes(jdbi)));
        boolean anyRunning = jdbi.withHandle(h -> h.createQuery("select exists (select 1 from campaigns "
                + "where status = 'running')").mapTo(Boolean.class).one());
        if (anyRunning || replies.anyInWindow()) {
            poller[0].start(); // a restart in the middle of a campaign goes on with it, and with its replies
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

    /** The scheduled reply checks whose turn it is, as the poller runs them; how many campaigns were checked. */
    public int checkRepliesNow() {
        return replies.runDue();
    }

    @Override
    public void close() {
        poller.close();
    }
}
