-- Rate-limit buckets shared by every instance of a shared deployment (Bucket4j's PostgreSQL proxy manager, select
-- for update): one row per limited key ("api:user:<id>", "api:ip:<address>", ...), the bucket's state as Bucket4j
-- serialises it, and when a bucket left alone is full again (epoch ms), after which the row can go.
create table rate_limit_buckets (
  id         text primary key,
  state      bytea,
  expires_at bigint
);
create index rate_limit_buckets_expiry on rate_limit_buckets (expires_at);
