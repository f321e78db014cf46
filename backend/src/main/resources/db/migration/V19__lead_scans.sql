-- Issue 14, Sales: "Find leads in my inbox" scans, kept where every instance of a shared deployment sees them. The
-- instance that runs a scan writes its progress here after each step; any instance answers a read, a cancel (the
-- flag the worker looks at between batches) or an accept (the proposals are in the view).
create table lead_scans (
  id               uuid primary key,
  user_id          uuid not null references users(id) on delete cascade,
  status           text not null check (status in ('running', 'done', 'cancelled', 'failed')),
  cancel_requested boolean not null default false,
  view             jsonb not null,
  updated_at       timestamptz not null default now(),
  finished_at      timestamptz
);
create index lead_scans_user on lead_scans (user_id, updated_at desc);
