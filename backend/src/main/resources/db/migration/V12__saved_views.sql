-- Saved views of the Insights pane (issue 13): a person's named set of conversation-list filters. Names are unique
-- per owner regardless of case ("Voice failures" and "voice failures" would be confusing in one chooser).
create table saved_views (
  id         uuid primary key default gen_random_uuid(),
  owner_id   uuid not null references users(id) on delete cascade,
  name       text not null check (char_length(name) between 1 and 80),
  filters    jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index saved_views_owner_name on saved_views (owner_id, lower(name));

-- The conversation list sorted by health (sort=health_asc|health_desc), keyset-paged on (health, started_at, id);
-- unscored conversations sort past either end (101 / -1), the same expressions as the query's.
create index conversations_owner_health_asc
  on conversations (owner_id, (coalesce(health_score, 101)), started_at desc, id desc);
create index conversations_owner_health_desc
  on conversations (owner_id, (coalesce(health_score, -1)) desc, started_at desc, id desc);
