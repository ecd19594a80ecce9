-- The ledger of SPEC §2. Entries are immutable: a mistake is fixed by a correcting entry.

create table shop (
    id               bigserial primary key,
    domain           text        not null unique,
    platform         text        not null check (platform in ('SHOPIFY', 'BIGCOMMERCE')),
    api_base_url     text        not null,
    api_access_token text        not null,
    webhook_secret   text        not null,
    currency         char(3)     not null default 'USD',
    created_at       timestamptz not null default now()
);

-- Admin bearer tokens, stored as SHA-256 hashes: a leaked database does not leak tokens.
create table admin_token (
    token_sha256 bytea primary key,
    shop_id      bigint      not null references shop (id),
    label        text        not null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);

create table customer (
    shop_id        bigint      not null references shop (id),
    customer_id    text        not null,
    points_balance bigint      not null default 0,
    vip_tier       text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (shop_id, customer_id)
);

create table ledger_entry (
    id              bigserial primary key,
    shop_id         bigint      not null,
    customer_id     text        not null,
    points          bigint      not null,
    kind            text        not null,
    order_ref       text,
    refund_ref      text,
    redemption_ref  text,
    idempotency_key text        not null,
    balance_after   bigint      not null,
    expires_at      timestamptz,
    note            text        not null,
    created_at      timestamptz not null default now(),
    foreign key (shop_id, customer_id) references customer (shop_id, customer_id),
    unique (shop_id, idempotency_key)
);
create index ledger_entry_customer_idx on ledger_entry (shop_id, customer_id, id desc);
create index ledger_entry_shop_idx on ledger_entry (shop_id, id desc);

create table earning_rule (
    shop_id         bigint      not null references shop (id),
    kind            text        not null check (kind in ('PLACE_ORDER')),
    points_per_unit numeric(12, 4) not null check (points_per_unit >= 0),
    enabled         boolean     not null default true,
    updated_at      timestamptz not null default now(),
    primary key (shop_id, kind)
);

-- Reward definitions can be deleted; a deleted definition stays for the redemptions made from it.
create table reward (
    id              bigserial primary key,
    shop_id         bigint         not null references shop (id),
    name            text           not null,
    points_cost     bigint         not null check (points_cost > 0),
    discount_amount numeric(12, 2) not null check (discount_amount > 0),
    created_at      timestamptz    not null default now(),
    deleted_at      timestamptz
);

create table redemption (
    id                   text primary key,
    shop_id              bigint         not null references shop (id),
    customer_id          text           not null,
    reward_id            bigint         not null references reward (id),
    reward_name          text           not null,
    discount_amount      numeric(12, 2) not null,
    points_spent         bigint         not null,
    coupon_code          text           not null,
    platform_discount_id text,
    status               text           not null
        check (status in ('PENDING', 'ISSUED', 'FAILED', 'REFUNDED', 'NEEDS_FOLLOW_UP')),
    status_reason        text,
    created_at           timestamptz    not null default now(),
    issued_at            timestamptz,
    refunded_at          timestamptz,
    unique (shop_id, coupon_code),
    foreign key (shop_id, customer_id) references customer (shop_id, customer_id)
);
create index redemption_customer_idx on redemption (shop_id, customer_id);

-- Notes for the customer's activity (customer_id set) and the shop's activity (every note).
-- Ledger entries carry their own note; these are the notes that move no points
-- (compensations, follow-ups, coupon states).
create table activity_note (
    id              bigserial primary key,
    shop_id         bigint      not null references shop (id),
    customer_id     text,
    kind            text        not null,
    redemption_ref  text,
    order_ref       text,
    message         text        not null,
    idempotency_key text        not null,
    created_at      timestamptz not null default now(),
    unique (shop_id, idempotency_key)
);
create index activity_note_shop_idx on activity_note (shop_id, id desc);
create index activity_note_customer_idx on activity_note (shop_id, customer_id, id desc);
