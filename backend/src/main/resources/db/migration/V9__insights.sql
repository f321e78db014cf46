-- Insights (issue 13): conversations from DONNA herself and from any app holding an API key, scored for health,
-- their failures found. Everything is owned by a user; reads always filter by owner.

-- API keys for ingestion. Only a slow hash (Argon2id, PHC string) of the secret is kept; the key is found by its
-- public prefix, which is part of the key the client sends.
create table api_keys (
  id           uuid primary key default gen_random_uuid(),
  owner_id     uuid not null references users(id) on delete cascade,
  name         text not null,
  prefix       text not null unique,
  secret_hash  text not null,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
create index api_keys_owner on api_keys (owner_id, created_at desc);

create table conversations (
  id               uuid primary key default gen_random_uuid(),
  owner_id         uuid not null references users(id) on delete cascade,
  external_id      text not null,
  source           text not null check (source in ('donna-chat','donna-voice','api')),
  metadata         jsonb not null default '{}'::jsonb,
  started_at       timestamptz not null,
  last_message_at  timestamptz not null,
  ended_at         timestamptz,
  message_count    integer not null default 0,
  health_score     smallint check (health_score between 0 and 100),
  health_breakdown jsonb,
  scored_at        timestamptz,
  -- Set when messages arrive, cleared by the scoring job that saw them all.
  needs_scoring    boolean not null default true,
  failure_count    integer not null default 0,
  created_at       timestamptz not null default now(),
  unique (owner_id, external_id)
);
-- The list and the analytics: an owner's conversations by start, newest first (cursor paging on (started_at, id)).
create index conversations_owner_started on conversations (owner_id, started_at desc, id desc);

create table conversation_messages (
  id              bigserial primary key,
  conversation_id uuid not null references conversations(id) on delete cascade,
  role            text not null check (role in ('user','assistant','system','tool')),
  content         text not null,
  ts              timestamptz not null,
  metadata        jsonb not null default '{}'::jsonb,
  latency_ms      integer,
  sentiment       real,
  -- SHA-256 of the content: a message is the same when role, timestamp and content are, so sending it again is a
  -- no-op (on conflict do nothing) without an index over arbitrarily long text.
  content_sha256  bytea not null,
  unique (conversation_id, role, ts, content_sha256)
);
create index conversation_messages_order on conversation_messages (conversation_id, ts, id);

create table failures (
  id              uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references conversations(id) on delete cascade,
  owner_id        uuid not null references users(id) on delete cascade,
  kind            text not null,
  severity        text not null check (severity in ('low','medium','high')),
  message_id      bigint references conversation_messages(id) on delete set null,
  detail          text not null default '',
  -- kind plus the message it is about (or the conversation): re-scoring updates a failure instead of duplicating it,
  -- and keeps the status someone gave it.
  fingerprint     text not null,
  status          text not null default 'open' check (status in ('open','ack','resolved')),
  occurred_at     timestamptz not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  unique (conversation_id, fingerprint)
);
create index failures_owner_time on failures (owner_id, occurred_at);

create table insights_settings (
  owner_id               uuid primary key references users(id) on delete cascade,
  alert_health_below     smallint check (alert_health_below between 0 and 100),
  alert_on_failure_kinds jsonb not null default '[]'::jsonb,
  slack_webhook_url      text,
  updated_at             timestamptz not null default now()
);

-- The pipeline's queue, shared by every instance: a job is claimed with FOR UPDATE SKIP LOCKED under a lease, so
-- each runs once; "version" moves when the job is enqueued again while it runs (new messages), so it runs again.
create table insights_jobs (
  id              bigserial primary key,
  kind            text not null,
  conversation_id uuid not null references conversations(id) on delete cascade,
  due_at          timestamptz not null,
  attempts        integer not null default 0,
  version         integer not null default 0,
  locked_by       text,
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz not null default now(),
  unique (kind, conversation_id)
);
create index insights_jobs_due on insights_jobs (due_at);

-- Jobs that kept failing after their retries, kept for a person to look at (GET /api/v1/dead-letters).
create table insights_dead_letters (
  id              uuid primary key default gen_random_uuid(),
  owner_id        uuid references users(id) on delete cascade,
  kind            text not null,
  conversation_id uuid references conversations(id) on delete cascade,
  attempts        integer not null,
  last_error      text not null,
  failed_at       timestamptz not null default now()
);
create index insights_dead_letters_owner on insights_dead_letters (owner_id, failed_at desc);
