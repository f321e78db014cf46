-- Gmail: the link's address, exactly-once sends, autopilot, and the scheduler's table.

-- The linked Gmail address (status shows it; sends use it as From and for the Message-ID's domain).
alter table gmail_tokens add column email text;

-- email_logs is the ledger of sends: one row per (user, Idempotency-Key) once a send is attempted, moved through
-- sending -> sent, or released (retry / failed) so the same key can try again. A request refused before any
-- attempt (bad address, header injection) is logged too, as 'rejected' without a key.
alter table email_logs
  add column thread_id   text,
  add column attempts    integer not null default 0,
  -- While 'sending', the attempt owns the key until then; a service that died mid-send leaves a lease that
  -- expires, and the next attempt looks for the Message-ID in Sent before sending again.
  add column lease_until timestamptz,
  add column updated_at  timestamptz not null default now(),
  add constraint email_logs_status check (status in ('sending', 'sent', 'retry', 'failed', 'rejected'));

-- Autopilot settings per user (defaults: off, drafts wait for review).
create table gmail_autopilot_settings (
  user_id             uuid primary key references users(id) on delete cascade,
  enabled             boolean not null default false,
  send_without_review boolean not null default false,
  per_run_cap         integer not null default 5 check (per_run_cap between 1 and 50),
  per_day_cap         integer not null default 20 check (per_day_cap between 1 and 500),
  updated_at          timestamptz not null default now()
);
create index gmail_autopilot_enabled on gmail_autopilot_settings (user_id) where enabled;

-- The review queue. One draft per incoming message, ever: a discarded draft is kept so the message is not
-- drafted again.
create table gmail_autopilot_drafts (
  id               uuid primary key default gen_random_uuid(),
  user_id          uuid not null references users(id) on delete cascade,
  gmail_message_id text not null,
  to_addresses     jsonb not null,
  subject          text not null,
  body             text not null,
  status           text not null default 'pending' check (status in ('pending', 'sent', 'discarded')),
  created_at       timestamptz not null default now(),
  sent_at          timestamptz,
  unique (user_id, gmail_message_id)
);
create index gmail_autopilot_drafts_queue on gmail_autopilot_drafts (user_id, created_at) where status = 'pending';

-- Drafts written per user per UTC day, reserved atomically before drafting so instances never exceed the cap.
create table gmail_autopilot_daily (
  user_id uuid not null references users(id) on delete cascade,
  day     date not null,
  drafted integer not null default 0,
  sent    integer not null default 0,
  primary key (user_id, day)
);

-- One row per autopilot pass (scheduled or asked for): when it ran and what it did.
create table gmail_autopilot_runs (
  id          bigserial primary key,
  user_id     uuid references users(id) on delete cascade,
  trigger     text not null check (trigger in ('schedule', 'request')),
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  drafted     integer not null default 0,
  sent        integer not null default 0,
  skipped     integer not null default 0
);
create index gmail_autopilot_runs_time on gmail_autopilot_runs (started_at desc);

-- db-scheduler's table (the jar ships no DDL): its layout for PostgreSQL as of db-scheduler 16.
create table scheduled_tasks (
  task_name            text not null,
  task_instance        text not null,
  task_data            bytea,
  execution_time       timestamptz not null,
  picked               boolean not null,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures integer,
  last_heartbeat       timestamptz,
  version              bigint not null,
  priority             smallint,
  primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
