package donna.core.campaigns;

/** What a look through the inbox found for a campaign, and the campaign after it. */
public record RepliesFound(int replied, int unsubscribed, int bounced, Campaign campaign) {}
