-- The end of each cancellation saga run, written once by the saga's last activity (SPEC §12): the
-- business series pointsaga_cancellations_total{outcome} and the outcome's log line follow the
-- first write only, so an activity retry or a worker crash never counts an outcome twice. The shop
-- column lets shop erasure (SPEC §9) sweep these rows with the rest.
create table saga_outcome (
    workflow_id  text        not null,
    run_id       text        not null,
    shop_id      bigint      not null references shop (id),
    saga         text        not null check (saga in ('CANCEL_REDEMPTION')),
    subject      text        not null,
    outcome      text        not null check (outcome ~ '^[A-Z_]{1,64}$'),
    recorded_at  timestamptz not null,
    primary key (workflow_id, run_id)
);
create index saga_outcome_shop_idx on saga_outcome (shop_id, recorded_at desc);
