-- Issue 14, Marketing: an optional opening line per recipient, written by the model from that recipient's own
-- fields (never from mail), kept once written so the preview, the send and any retry of it say the same.
alter table campaigns add column personalise boolean not null default false;
alter table campaign_recipients add column personal_line text;
