-- The Overview's summary and health line aggregate an owner's conversations over a period (issue 13's reads).
-- With the columns they add up carried in the (owner, started_at) index, PostgreSQL answers them from the index
-- alone (an index-only scan, where the visibility map allows) instead of reading every conversation row; the list
-- keeps using the same index for its newest-first order, so the narrower one it replaces is dropped.
create index conversations_owner_started_cover on conversations (owner_id, started_at desc, id desc)
  include (health_score, scored_at, failure_count, source);
drop index conversations_owner_started;
