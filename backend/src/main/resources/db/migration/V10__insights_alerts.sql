-- Insights alerts (issue 13): a new failure of a kind the owner chose, or a health score under their threshold,
-- posts to their Slack incoming webhook. Each alert is a row here, sent by the pipeline's `send-alert` job (the
-- insights_jobs queue: FOR UPDATE SKIP LOCKED, so one instance sends it) and retried with backoff.
create table insights_alerts (
  id              uuid primary key default gen_random_uuid(),
  owner_id        uuid not null references users(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  -- What happened: {"failure_kinds":[...],"health":n,"health_below":n}; never message text.
  reasons         jsonb not null,
  status          text not null default 'pending' check (status in ('pending','sent','failed','dropped')),
  attempts        integer not null default 0,
  last_status     integer,
  last_error      text,
  created_at      timestamptz not null,
  sent_at         timestamptz
);
create index insights_alerts_pending on insights_alerts (conversation_id) where status = 'pending';
create index insights_alerts_owner on insights_alerts (owner_id, created_at desc);

-- The dedupe key: at most one alert per conversation per window. An alert is created only when its upsert here
-- moves last_alert_at (none yet, or the last one is older than the window), atomically across instances.
create table insights_alert_windows (
  conversation_id uuid primary key references conversations(id) on delete cascade,
  last_alert_at   timestamptz not null
);
