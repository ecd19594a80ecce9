-- The attention queue in full (issue 10, SPEC §11): every kind of thing that needs a person, how an
-- item was closed (a retry hands it back to the machine and reopens when it fails again; a person's
-- resolution is final), and the raw body of a rejected delivery so that a retry can validate it
-- again.

alter table attention_item drop constraint if exists attention_item_kind_check;
alter table attention_item add constraint attention_item_kind_check
    check (kind in ('ORDER_EVENT_FAILED', 'WEBHOOK_REJECTED', 'DELIVERY_STUCK',
                    'REDEMPTION_NEEDS_FOLLOW_UP', 'REDEMPTION_PLATFORM_FAILED',
                    'SUBSCRIPTION_MISSING', 'RECONCILIATION_FAILED'));
alter table attention_item add column redemption_id text;
-- RETRY: handed back by POST .../retry (reopened if it fails again); PERSON: resolved with a note
-- (final); SYSTEM: the problem went away by itself (a stuck delivery dispatched, a subscription
-- active again). Null on a closed item means SYSTEM.
alter table attention_item add column closed_by text
    check (closed_by in ('RETRY', 'PERSON', 'SYSTEM'));
alter table attention_item add column resolution text;

-- The bytes of a rejected delivery as they arrived (the jsonb payload is a safe stand-in).
alter table webhook_inbox add column rejected_body bytea;
