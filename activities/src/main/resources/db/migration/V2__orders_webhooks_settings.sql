-- Refund sagas (issue 3): shop settings, orders as the points arithmetic sees them, the events
-- applied to each order, and the webhook inbox.

create table shop_settings (
    shop_id    bigint primary key references shop (id),
    settings   jsonb       not null,
    updated_at timestamptz not null default now()
);

-- One row per order: what was earned, at which rate, and what remains after refunds.
create table customer_order (
    shop_id           bigint         not null references shop (id),
    order_id          text           not null,
    customer_id       text,
    currency          char(3),
    effective_spend   numeric(14, 2),
    refunded_amount   numeric(14, 2) not null default 0,
    shipping_total    numeric(14, 2) not null default 0,
    shipping_refunded numeric(14, 2) not null default 0,
    awarded_rate      numeric(12, 4),
    earning_rule      text,
    points_earned     bigint         not null default 0,
    points_held       bigint         not null default 0,
    status            text           not null default 'OPEN'
        check (status in ('OPEN', 'REFUNDED', 'VOIDED', 'CANCELLED')),
    discount_codes    text[]         not null default '{}',
    created_at        timestamptz    not null default now(),
    updated_at        timestamptz    not null default now(),
    primary key (shop_id, order_id)
);
create index customer_order_customer_idx on customer_order (shop_id, customer_id);

-- Each business event applies to an order once (refund:{id}, paid, status:voided, cancelled...).
create table order_event (
    shop_id      bigint      not null,
    order_id     text        not null,
    event_key    text        not null,
    points_delta bigint      not null,
    note         text,
    applied_at   timestamptz not null default now(),
    primary key (shop_id, order_id, event_key)
);

-- Every accepted webhook delivery, recorded before it is acknowledged. The relay starts sagas
-- for deliveries not yet dispatched (e.g. while Temporal was unreachable).
create table webhook_inbox (
    id            bigserial primary key,
    shop_id       bigint      not null references shop (id),
    platform      text        not null,
    topic         text        not null,
    delivery_key  text        not null,
    business_key  text        not null,
    order_id      text        not null,
    payload       jsonb       not null,
    status        text        not null default 'PENDING'
        check (status in ('PENDING', 'DISPATCHED')),
    attempts      int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error    text,
    received_at   timestamptz not null default now(),
    dispatched_at timestamptz,
    unique (shop_id, platform, topic, delivery_key),
    unique (shop_id, platform, business_key)
);
create index webhook_inbox_pending_idx on webhook_inbox (next_attempt_at) where status = 'PENDING';
