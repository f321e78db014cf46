-- Issue 12: DONNA acts. Drafts she wrote for the person, and the actions with an outside effect (sending mail) that
-- wait for the person's yes.

create table drafts (
  id                  uuid primary key default gen_random_uuid(),
  user_id             uuid not null references users(id) on delete cascade,
  to_addresses        jsonb not null default '[]',
  cc_addresses        jsonb not null default '[]',
  subject             text not null default '',
  body                text not null default '',
  -- A reply: the original's Gmail id (SendService threads under it), its Message-ID header and thread.
  reply_to_message_id text,
  in_reply_to         text,
  thread_id           text,
  chat_id             text,
  status              text not null default 'open' check (status in ('open', 'sending', 'sent', 'discarded')),
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
-- The Drafts list: a user's open drafts, newest first.
create index drafts_user_recent on drafts (user_id, updated_at desc);

-- What DONNA asked to do and the person has to confirm. The mail is a snapshot of the draft when it was presented:
-- the person says yes to what was read back, not to a draft edited since (an edit cancels the pending action).
create table pending_actions (
  id             uuid primary key default gen_random_uuid(),
  user_id        uuid not null references users(id) on delete cascade,
  kind           text not null default 'send_mail' check (kind in ('send_mail')),
  draft_id       uuid not null references drafts(id) on delete cascade,
  to_addresses   jsonb not null,
  cc_addresses   jsonb not null default '[]',
  subject        text not null,
  body           text not null,
  -- Recipients the person never sent mail to nor typed in the conversation: only a click confirms.
  new_addresses  jsonb not null default '[]',
  requires_click boolean not null,
  status         text not null default 'pending' check (status in ('pending', 'confirmed', 'cancelled')),
  -- Where it was presented: the confirmation rule compares a later confirm_action against these.
  chat_id        text,
  turn_id        text,
  user_item_id   text,
  channel        text not null,
  confirmed_by   text check (confirmed_by in ('click', 'model')),
  confirmed_at   timestamptz,
  send_status    text,
  gmail_id       text,
  created_at     timestamptz not null default now()
);
create index pending_actions_user_status on pending_actions (user_id, status, created_at desc);
create index pending_actions_draft on pending_actions (draft_id);
