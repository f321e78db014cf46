-- Issue 14, Marketing: campaigns. A campaign is one subject and body with merge fields, sent to each recipient on
-- its own through the exactly-once send path (email_logs), under Gmail's quota and a daily cap. Only the person's
-- click starts one; DONNA's start_campaign tool makes drafts.

create table campaigns (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references users(id) on delete cascade,
  name         text not null,
  subject      text not null,
  body         text not null,
  status       text not null default 'draft'
               check (status in ('draft', 'running', 'paused', 'completed', 'cancelled')),
  -- Mails this owner's campaigns may send in any 24 hours while this one runs (Gmail's own limit is 500-2,000).
  daily_cap    integer not null default 400 check (daily_cap between 1 and 2000),
  created_at   timestamptz not null default now(),
  started_at   timestamptz,
  completed_at timestamptz,
  -- The last time replies and unsubscribes were looked for in the inbox.
  checked_at   timestamptz
);
create index campaigns_user on campaigns (user_id, created_at desc);
create index campaigns_running on campaigns (status) where status = 'running';

create table campaign_recipients (
  id          uuid primary key default gen_random_uuid(),
  campaign_id uuid not null references campaigns(id) on delete cascade,
  position    integer not null,
  email       text not null,
  name        text,
  merge       jsonb not null default '{}',
  status      text not null default 'queued'
              check (status in ('queued', 'sent', 'failed', 'replied', 'unsubscribed', 'skipped')),
  error       text,
  message_id  text,
  gmail_id    text,
  thread_id   text,
  sent_at     timestamptz
);
create unique index campaign_recipients_email on campaign_recipients (campaign_id, lower(email));
-- The sender's claim: the next queued recipient of a running campaign, in order.
create index campaign_recipients_queue on campaign_recipients (campaign_id, position) where status = 'queued';
-- The daily cap counts an owner's sends in the last 24 hours.
create index campaign_recipients_sent on campaign_recipients (sent_at) where sent_at is not null;

-- Addresses an owner's campaigns never mail again: they asked to be left out, or their mail bounced.
create table mail_suppressions (
  user_id uuid not null references users(id) on delete cascade,
  email   text not null,
  reason  text not null check (reason in ('unsubscribed', 'bounced')),
  at      timestamptz not null default now(),
  primary key (user_id, email)
);
