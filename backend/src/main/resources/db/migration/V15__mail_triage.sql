-- Issue 14, the front desk's Today: the model's triage of unread mail, kept so a mail is never asked about twice,
-- and the person's follow-up setting. The mail itself stays in Gmail; only its id, what the list shows of it
-- (sender, subject, when) and the model's one-line verdict are kept.

create table mail_triage (
  user_id          uuid not null references users(id) on delete cascade,
  gmail_message_id text not null,
  -- null when the model's answer for this mail was not usable: it stays untriaged, with the reason.
  bucket           text check (bucket in ('needs_reply', 'waiting_on_someone', 'fyi', 'can_wait')),
  reason           text not null,
  from_header      text,
  subject          text,
  received_at      timestamptz,
  triaged_at       timestamptz not null default now(),
  primary key (user_id, gmail_message_id)
);

-- How many days a sent mail waits for a reply before Today lists it as a follow-up (default 3).
create table today_settings (
  user_id        uuid primary key references users(id) on delete cascade,
  follow_up_days int not null default 3 check (follow_up_days between 1 and 60),
  updated_at     timestamptz not null default now()
);
