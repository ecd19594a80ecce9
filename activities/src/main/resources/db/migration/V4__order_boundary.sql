-- The boundary (issue 7, SPEC §8 and §11): authentic but invalid webhook deliveries are kept as
-- rejected, each order keeps its line items so refunds can be checked against them, and what failed
-- for good is kept where a person sees it.

-- A rejected delivery keeps its reason; it may not have a readable order id, and its payload is a
-- safe stand-in (the original may hold characters jsonb cannot store).
alter table webhook_inbox drop constraint webhook_inbox_status_check;
alter table webhook_inbox add constraint webhook_inbox_status_check
    check (status in ('PENDING', 'DISPATCHED', 'REJECTED'));
alter table webhook_inbox alter column order_id drop not null;
alter table webhook_inbox add column rejected_reason text;
alter table webhook_inbox add constraint webhook_inbox_rejected_has_reason
    check ((status = 'REJECTED') = (rejected_reason is not null));

-- An order's line items: price x quantity (the most refunds of the line may give back), what the
-- line counts toward the effective spend, and what the platform refunded of it so far. A refund
-- that arrives before the payment leaves a row without amounts. lines_recorded is false for
-- orders paid before this migration: their refunds cannot be checked line by line.
alter table customer_order add column lines_recorded boolean not null default false;
create table order_line (
    shop_id         bigint         not null,
    order_id        text           not null,
    line_item_id    text           not null,
    amount_before_discounts numeric(14, 2) check (amount_before_discounts >= 0),
    amount_after_discounts  numeric(14, 2) check (amount_after_discounts >= 0),
    amount_refunded         numeric(14, 2) not null default 0 check (amount_refunded >= 0),
    primary key (shop_id, order_id, line_item_id),
    foreign key (shop_id, order_id) references customer_order (shop_id, order_id)
);

-- The attention queue (SPEC §11): one row per thing that needs a person, written once per source
-- (source_key: the order event or the inbox delivery it is about).
create table attention_item (
    id          bigserial primary key,
    shop_id     bigint      not null references shop (id),
    kind        text        not null check (kind in ('ORDER_EVENT_FAILED', 'WEBHOOK_REJECTED')),
    source_key  text        not null,
    subject     text        not null,
    problem     text        not null,
    since       timestamptz not null,
    workflow_id text,
    inbox_id    bigint references webhook_inbox (id),
    order_id    text,
    event_key   text,
    resolved_at timestamptz,
    unique (shop_id, source_key)
);
create index attention_item_open_idx on attention_item (shop_id, since desc, id desc)
    where resolved_at is null;
