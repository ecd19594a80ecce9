-- Platform install flows (issue 9, SPEC §9): the state nonces of the Shopify OAuth install. A nonce
-- is issued by GET /shopify/install for one shop, expires, and is consumed once by the callback.
create table oauth_state (
    nonce       text        primary key,
    shop_domain text        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index oauth_state_expiry_idx on oauth_state (expires_at);
