-- Nothing lost on a restart (issue 10 item 3): what a restarted embedded mode needs to find the work
-- that was under way when it stopped, even when its Temporal server kept nothing (in memory).

-- A delivery is DISPATCHED once its saga was signalled, and handled once the saga finished with it
-- (applied, found to change nothing, or kept as an attention item). Dispatched but not handled
-- after a restart: dispatched again (the saga applies each business event once).
alter table webhook_inbox add column handled_at timestamptz;
update webhook_inbox set handled_at = coalesce(dispatched_at, received_at) where status = 'DISPATCHED';
create index webhook_inbox_unhandled_idx on webhook_inbox (id)
    where status = 'DISPATCHED' and handled_at is null;

-- Every cancellation an admin asked for, until its saga ended: a restart resumes or restarts the
-- ones still open (the saga is keyed by the redemption, so a restart joins or repeats it safely).
-- The customer and the coupon are read from the redemption (one place for a redaction to rewrite).
create table cancellation_request (
    shop_id               bigint      not null references shop (id),
    redemption_id         text        not null,
    refund_points_anyway  boolean     not null,
    requested_at          timestamptz not null,
    finished_at           timestamptz,
    -- the saga's result, so that it can still be read after a server that forgot it restarted
    result                jsonb,
    primary key (shop_id, redemption_id)
);
create index cancellation_request_open_idx on cancellation_request (requested_at)
    where finished_at is null;
