-- Voice sessions as the service meters them (issue 15, finding 10): the app talks to OpenAI directly, so a session's
-- length is what the app reports (heartbeats while connected, an end on disconnect). One row per minted secret that
-- started a conversation; a secret minted to continue a live one (a reconnect's spare) adds no row. Every instance of
-- a shared deployment counts from these rows, so the daily budget and the concurrent cap hold across instances.
create table voice_sessions (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references users (id) on delete cascade,
  started_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at     timestamptz
);
create index voice_sessions_user_started on voice_sessions (user_id, started_at);
