-- Issue 9 (SPEC §9), the rest: stopping a shop's running sagas when it uninstalls, and keeping an
-- erased customer erased while sagas are still running for them.

-- When a cancellation saga was last requested for the redemption: an uninstall signals the
-- cancellations requested within the last days that have not refunded the redemption (the workflow
-- ids come from the redemption ids; the Java test server has no visibility to list them).
alter table redemption add column cancellation_requested_at timestamptz;
create index redemption_cancellation_idx on redemption (shop_id, cancellation_requested_at)
    where cancellation_requested_at is not null;

-- The order sagas an uninstall signals are those of the shop's recent webhooks.
create index webhook_inbox_shop_received_idx on webhook_inbox (shop_id, received_at);

-- A customer erased by a redaction leaves this tombstone: the SHA-256 of the shop id and the old
-- platform id, never the id itself. Every writer of a customer's rows checks it once it holds the
-- customer's row lock (the lock order of every writer), so a saga step in flight for the old id
-- is refused instead of recreating the customer under it.
create table erased_customer (
    shop_id       bigint      not null references shop (id),
    customer_hash text        not null,
    erased_at     timestamptz not null,
    primary key (shop_id, customer_hash)
);
