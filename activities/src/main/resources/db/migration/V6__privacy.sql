-- Privacy (issue 9, SPEC §9): the requests a shop's customers made through the platform's
-- compliance webhooks or the operator, and what is left of an erased shop to verify a redelivery.

-- One row per request. kind DATA_REQUEST stays open (completed_at null) until an export of the
-- customer is served; CUSTOMER_REDACT is complete when recorded (it names the pseudonym, never the
-- erased id). request_ref is the platform's request id, or the delivery's webhook id, or the
-- operator's; a redelivery of the same request records nothing new.
create table privacy_request (
    id           bigserial primary key,
    shop_id      bigint      not null references shop (id),
    kind         text        not null check (kind in ('DATA_REQUEST', 'CUSTOMER_REDACT')),
    customer_id  text        not null,
    request_ref  text        not null,
    source       text        not null check (source in ('SHOPIFY_WEBHOOK', 'OPERATOR')),
    received_at  timestamptz not null,
    completed_at timestamptz,
    unique (shop_id, kind, request_ref)
);
create index privacy_request_shop_idx on privacy_request (shop_id, received_at desc, id desc);
create index privacy_request_customer_idx on privacy_request (shop_id, customer_id);

-- An erased shop keeps only its domain and webhook secret (no customer, no ledger, no tokens), so
-- that a redelivered shop/redact can still be verified and answered 200 instead of 401 forever.
create table erased_shop (
    domain         text primary key,
    platform       text        not null,
    webhook_secret text        not null,
    erased_at      timestamptz not null
);
