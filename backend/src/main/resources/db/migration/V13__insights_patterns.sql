-- Insights (issue 13), the rest of the pipeline: the LLM judge (a setting, off by default), weekly patterns
-- (recurring topics, failure clusters) and conversation embeddings (behind FEATURE_EMBEDDINGS).

alter table insights_settings add column llm_judge_enabled boolean not null default false;

-- The judge's last verdict on a conversation. It counts only while judged_through is the conversation's newest
-- message: a verdict on fewer messages is stale and the heuristics alone score until the judge answers again.
create table conversation_judgments (
  conversation_id uuid primary key references conversations(id) on delete cascade,
  owner_id        uuid not null references users(id) on delete cascade,
  model           text not null,
  score           smallint not null check (score between 0 and 100),
  -- [{"kind","severity","reason"}], kinds of HealthScorer.KINDS only
  failures        jsonb not null default '[]'::jsonb,
  reason          text not null default '',
  judged_through  bigint not null,
  judged_at       timestamptz not null
);

-- What pattern-analyze found for an owner at its last run: replaced whole by each run.
create table usage_patterns (
  id                 uuid primary key default gen_random_uuid(),
  owner_id           uuid not null references users(id) on delete cascade,
  -- topic: a term or phrase many conversations' user messages share; failure_cluster: conversations sharing a
  -- failure kind and a topic; similar: conversations close to each other by their embeddings
  kind               text not null check (kind in ('topic','failure_cluster','similar')),
  label              text not null,
  terms              jsonb not null default '[]'::jsonb,
  failure_kinds      jsonb not null default '[]'::jsonb,
  conversation_count integer not null,
  rank               integer not null,
  period_from        timestamptz not null,
  period_to          timestamptz not null,
  analyzed_at        timestamptz not null
);
create index usage_patterns_owner on usage_patterns (owner_id, kind, rank);

create table pattern_conversations (
  pattern_id      uuid not null references usage_patterns(id) on delete cascade,
  conversation_id uuid not null references conversations(id) on delete cascade,
  primary key (pattern_id, conversation_id)
);
create index pattern_conversations_conversation on pattern_conversations (conversation_id);

-- Runs of jobs that belong to no single conversation (the weekly pattern-analyze), shared by every instance: a
-- run is claimed by moving locked_until in one update, so one instance runs it; due_at moves a week on success.
create table insights_schedules (
  name            text primary key,
  due_at          timestamptz not null,
  locked_by       text,
  locked_until    timestamptz,
  attempts        integer not null default 0,
  last_started_at timestamptz,
  last_run_at     timestamptz,
  last_error      text
);
insert into insights_schedules (name, due_at) values ('pattern-analyze', now());

-- Embeddings (FEATURE_EMBEDDINGS): one per conversation, of its text as embed-conversation sent it. The vector is
-- a real[] everywhere; where the database offers pgvector, a vector column beside it (filled by the service).
create table conversation_embeddings (
  conversation_id uuid primary key references conversations(id) on delete cascade,
  owner_id        uuid not null references users(id) on delete cascade,
  model           text not null,
  dimensions      integer not null,
  content_sha256  bytea not null,
  embedding       real[] not null,
  created_at      timestamptz not null
);
create index conversation_embeddings_owner on conversation_embeddings (owner_id);

-- pgvector only where it is installable and this role may create it; otherwise nothing changes (no error).
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'vector') then
    begin
      create extension if not exists vector;
      alter table conversation_embeddings add column embedding_vector vector;
    exception when others then
      raise notice 'pgvector not enabled: %', sqlerrm;
    end;
  end if;
end
$$;
