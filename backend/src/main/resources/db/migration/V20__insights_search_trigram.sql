-- The conversation list's q= search (issue 13) matches the external id or any message's text, case-insensitive,
-- anywhere in it (ILIKE '%q%'). A trigram GIN index (pg_trgm) serves exactly that match, so the semantics stay; a
-- B-tree cannot, and full-text search would match words rather than any part of the text. The messages are what
-- is big; the external id is checked on the owner's conversations the query reads anyway.
-- pg_trgm ships with PostgreSQL's contrib (the embedded one has it) and is a trusted extension, so the service's
-- role may create it. Where it is missing or refused, nothing changes: the search still works, unindexed.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
    begin
      create extension if not exists pg_trgm;
      create index conversation_messages_content_trgm on conversation_messages using gin (content gin_trgm_ops);
    exception when others then
      raise notice 'pg_trgm not enabled, q= search stays unindexed: %', sqlerrm;
    end;
  end if;
end
$$;
