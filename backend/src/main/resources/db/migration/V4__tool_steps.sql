-- Issue 12: every tool call DONNA made, kept with its conversation, so a chat shows what she did and Insights can
-- score it. A typed turn writes its steps in the same statement as its two messages (message_id = the reply);
-- a call from /api/tools/call (voice) has no message of its own and is placed by time.
create table tool_steps (
  id          uuid primary key default gen_random_uuid(),
  session_id  uuid not null references chat_sessions(id) on delete cascade,
  message_id  uuid references messages(id) on delete cascade,
  call_id     text,
  name        text not null,
  arguments   jsonb not null default '{}',
  -- One short line ("3 found"), never mail content.
  summary     text not null,
  status      text not null check (status in ('done', 'failed')),
  duration_ms bigint not null,
  -- Only what later turns need again (a draft's or pending action's output, an error); null otherwise.
  output      jsonb,
  channel     text not null default 'chat',
  created_at  timestamptz not null default now()
);
create index tool_steps_message on tool_steps (message_id);
create index tool_steps_session_time on tool_steps (session_id, created_at);
