-- Issue 14: signed webhooks to other tools, and the voice events log.

-- A person's webhook. The secret signs every delivery, so it is kept, encrypted at rest with the service's token
-- key (TokenCipher, bound to the webhook's id); it is shown once, when the webhook is created.
create table webhooks (
  id                   uuid primary key,
  user_id              uuid not null references users (id) on delete cascade,
  url                  text not null,
  events               text[] not null,
  secret               text not null,
  enabled              boolean not null default true,
  disabled_reason      text,
  consecutive_failures integer not null default 0,
  created_at           timestamptz not null default now()
);
create index webhooks_user on webhooks (user_id, created_at);

-- The outbox: one row per event and subscribed webhook, written in the publisher's database (in its transaction
-- when it has one). Every instance's worker claims due rows with FOR UPDATE SKIP LOCKED and a lease (moving
-- next_attempt_at forward) before it calls out, so each delivery is attempted by one instance at a time. The id is
-- the X-Donna-Delivery header; the payload is kept as json (not jsonb) so the bytes signed are the bytes stored.
create table webhook_deliveries (
  id              uuid primary key,
  webhook_id      uuid not null references webhooks (id) on delete cascade,
  event_type      text not null,
  payload         json not null,
  status          text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null,
  last_status     integer,
  last_error      text,
  created_at      timestamptz not null,
  delivered_at    timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_log on webhook_deliveries (webhook_id, created_at desc);

-- What the app reports of its voice sessions (POST /api/voice/events); Insights reads it.
create table voice_events (
  id          bigserial primary key,
  user_id     uuid not null references users (id) on delete cascade,
  session_id  text not null,
  type        text not null check (type in ('connected', 'turn', 'barge_in', 'reconnect', 'tool_call', 'error',
                                             'ended')),
  at          timestamptz not null,
  data        jsonb not null default '{}',
  received_at timestamptz not null default now()
);
create index voice_events_user_at on voice_events (user_id, at);
create index voice_events_user_session on voice_events (user_id, session_id, at);
