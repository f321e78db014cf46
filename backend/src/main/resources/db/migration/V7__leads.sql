-- Issue 14: the Sales workspace's leads and the front desk's taken messages. Both are filled by the person (typed)
-- and by DONNA's tools (classify_lead, take_message); what came from a mail or a caller is stored as data only.

create table leads (
  id              uuid primary key default gen_random_uuid(),
  user_id         uuid not null references users(id) on delete cascade,
  name            text not null,
  email           text,
  company         text,
  stage           text not null default 'new'
                  check (stage in ('new', 'contacted', 'qualified', 'won', 'lost')),
  category        text check (category in ('hot', 'warm', 'cold')),
  category_reason text,
  -- Where the lead first came from; an update never changes it.
  source          text not null default 'typed' check (source in ('mail', 'voice', 'chat', 'typed')),
  next_follow_up  date,
  notes           text not null default '',
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
-- One lead per address and owner: a second classification of the same sender updates the first.
create unique index leads_user_email on leads (user_id, lower(email)) where email is not null;
-- The Sales list (by stage, newest first) and the follow-ups due.
create index leads_user_stage on leads (user_id, stage, updated_at desc);
create index leads_user_follow_up on leads (user_id, next_follow_up) where next_follow_up is not null;

-- The Gmail threads a lead came from (their ids only: the mail itself stays in Gmail).
create table lead_threads (
  lead_id   uuid not null references leads(id) on delete cascade,
  thread_id text not null,
  added_at  timestamptz not null default now(),
  primary key (lead_id, thread_id)
);

-- Messages DONNA took for the person (a caller on a voice turn, or typed): shown in Today until marked done.
create table taken_messages (
  id          uuid primary key default gen_random_uuid(),
  user_id     uuid not null references users(id) on delete cascade,
  caller_name text not null,
  contact     text not null default '',
  message     text not null,
  -- As said ("before 5 pm Friday"), not a parsed time: a caller's words are kept as they were given.
  callback_by text,
  done        boolean not null default false,
  done_at     timestamptz,
  created_at  timestamptz not null default now()
);
create index taken_messages_user_open on taken_messages (user_id, done, created_at desc);
