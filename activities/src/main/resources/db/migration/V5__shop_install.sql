-- Shops installed and uninstalled through the product (SPEC §9). An uninstalled shop keeps its
-- ledger; its admin tokens are revoked, its webhooks are ignored and the platform is no longer
-- called for it. Installing the domain again reactivates the same row.

alter table shop
    add column status         text        not null default 'ACTIVE'
        check (status in ('ACTIVE', 'UNINSTALLED')),
    add column uninstalled_at timestamptz,
    add constraint shop_uninstalled_at_matches_status
        check ((status = 'UNINSTALLED') = (uninstalled_at is not null));
