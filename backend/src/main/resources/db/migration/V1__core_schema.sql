-- The PRD schema (donna-mvp-prd.md section 2), the same on Supabase and the embedded Postgres.
-- gen_random_uuid() is built into Postgres 13+, no extension needed.

create table users (
  id         uuid primary key default gen_random_uuid(),
  clerk_id   text unique not null,
  email      text,
  created_at timestamptz not null default now()
);

create table chat_sessions (
  id              uuid primary key default gen_random_uuid(),
  user_id         uuid references users(id) on delete set null,
  chat_id         text unique,
  -- Beyond the PRD: what the session list shows without reading every message.
  title           text,
  profile         text not null default 'general',
  last_message_at timestamptz not null default now(),
  created_at      timestamptz not null default now()
);
-- History reads: a user's sessions, newest first.
create index chat_sessions_user_recent on chat_sessions (user_id, last_message_at desc);

create table messages (
  id         uuid primary key default gen_random_uuid(),
  session_id uuid references chat_sessions(id) on delete cascade,
  role       text check (role in ('system','user','assistant')),
  content    text,
  -- Where a message came from: typed chat or a voice transcript.
  source     text not null default 'chat' check (source in ('chat','voice')),
  created_at timestamptz not null default now()
);
-- History reads: a session's messages in order, paged by time.
create index messages_session_time on messages (session_id, created_at, id);

create table user_memory (
  id         uuid primary key default gen_random_uuid(),
  user_id    uuid references users(id) on delete cascade,
  key        text,
  value      jsonb,
  updated_at timestamptz not null default now(),
  unique (user_id, key)
);

create table abuse_log (
  id         bigserial primary key,
  chat_id    text,
  user_id    uuid references users(id) on delete set null,
  message    text,
  reason     text,
  created_at timestamptz not null default now()
);

create table email_logs (
  id              bigserial primary key,
  user_id         uuid references users(id) on delete set null,
  to_address      text,
  subject         text,
  status          text,
  error           text,
  -- Exactly-once sends: one row per (user, Idempotency-Key); the Message-ID is derived from the key.
  idempotency_key text,
  message_id      text,
  gmail_id        text,
  created_at      timestamptz not null default now(),
  unique (user_id, idempotency_key)
);
create index email_logs_user_time on email_logs (user_id, created_at desc);

create table gmail_tokens (
  user_id       uuid primary key references users(id) on delete cascade,
  -- Encrypted at rest (AES-GCM); never the plaintext token.
  refresh_token text not null,
  scope         text,
  token_type    text,
  expiry_date   bigint,
  needs_reconnect boolean not null default false,
  updated_at    timestamptz not null default now()
);
