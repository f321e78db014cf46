package donna.backend.toolbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import donna.backend.campaigns.Campaign;
import donna.backend.campaigns.CampaignService;
import donna.backend.tools.ToolCallContext;
import donna.backend.tools.ToolOutcome;

/**
 * {@code start_campaign}: makes a campaign <b>draft</b> in the Marketing workspace and says so. It never starts
 * one: sending to many people is the person's click on the draft (the start route), so the tool has no outside
 * effect and asks no confirmation.
 */
final class CampaignTools {
    private final CampaignService campaigns;
    private final ObjectMapper mapper;

    CampaignTools(CampaignService campaigns, ObjectMapper mapper) {
        this.campaigns = campaigns;
        this.mapper = mapper;
    }

    ToolOutcome startCampaign(ToolCallContext ctx, JsonNode args) {
        ObjectNode body = mapper.createObjectNode().put("name", args.path("name").asText())
                .put("subject", args.path("subject").asText()).put("body", args.path("body").asText());
        ObjectNode audience = body.putObject("audience");
        JsonNode given = args.path("audience");
        for (String k : new String[] {"emails", "csv", "gmail_query"}) {
            if (given.hasNonNull(k)) {
                audience.set(k, given.get(k));
            }
        }
        // validation_failed (a missing merge field, no audience) becomes the call's error output, naming the field
        CampaignService.Created created = campaigns.create(ctx.user(), body);
        Campaign c = created.campaign();
        int queued = c.counts().getOrDefault("queued", 0);
        ObjectNode out = mapper.createObjectNode().put("status", "draft").put("campaign_id", c.id().toString())
                .put("name", c.name()).put("recipients", queued).put("refused", created.refused().size())
                .put("suppressed", created.suppressed())
                .put("note", "A draft only: nothing was sent. The user starts it with Start in the Marketing "
                        + "workspace after checking the preview.");
        return ToolOutcome.ok(out, "Drafted campaign " + MailTools.clip(c.name(), 60) + " for " + queued
                + (queued == 1 ? " recipient" : " recipients") + " (not started)");
    }
}
