-- Issue 14, Marketing: one-click unsubscribe (RFC 8058). Each recipient gets an unguessable token (two random
-- UUIDs' hex, 244 random bits) that its List-Unsubscribe URL carries; nothing else identifies them in the link.
alter table campaign_recipients
  add column unsubscribe_token text not null
    default replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
create unique index campaign_recipients_unsubscribe on campaign_recipients (unsubscribe_token);
-- When replies were last looked for on schedule: the claim that keeps two instances from checking one campaign.
create index campaigns_reply_checks on campaigns (checked_at nulls first)
  where status in ('running', 'paused', 'completed');
