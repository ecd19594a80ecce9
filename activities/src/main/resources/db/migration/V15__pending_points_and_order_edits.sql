-- Issue 13 (SPEC §13): pending points, proportional coupon points and order edits.

-- Points earned on an order that are still pending (the shop's pendingPeriod): not in the balance,
-- not spendable; the order's saga approves them into the balance at points_pending_until.
alter table customer_order add column points_pending bigint not null default 0
    check (points_pending >= 0);
alter table customer_order add column points_pending_until timestamptz;
create index customer_order_pending_idx on customer_order (shop_id, customer_id)
    where points_pending > 0;

-- Order edits (Shopify orders/edited): the quantity each line was paid with, and what edits added
-- (positive) or removed (negative) since. Null quantity: not known (lines recorded before).
alter table order_line add column quantity integer check (quantity >= 0);
alter table order_line add column quantity_edited integer not null default 0;

-- restoreRedeemedPoints PROPORTIONAL: how many of the points spent on a redemption came back
-- through refunds of the order its coupon was used on; never more than were spent.
alter table redemption add column points_restored bigint not null default 0
    check (points_restored >= 0 and points_restored <= points_spent);
