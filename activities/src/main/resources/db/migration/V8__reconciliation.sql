-- Reconciliation (SPEC §10): each shop's saga reads the orders changed since its cursor from the
-- platform and hands what the webhooks missed to the order sagas. The cursor is the latest
-- order change read by a completed run; it never moves past what was read.
create table reconciliation_cursor (
    shop_id      bigint      primary key references shop (id),
    read_through timestamptz not null,
    updated_at   timestamptz not null
);

-- One row per run, newest first for the API.
create table reconciliation_run (
    shop_id           bigint      not null references shop (id),
    reconciliation_id text        not null,
    workflow_id       text        not null,
    trigger           text        not null check (trigger in ('SCHEDULED', 'MANUAL')),
    status            text        not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    read_from         timestamptz,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    orders_checked    int         not null default 0 check (orders_checked >= 0),
    events_recovered  int         not null default 0 check (events_recovered >= 0),
    problem           text,
    primary key (shop_id, reconciliation_id),
    constraint reconciliation_run_finished_matches_status
        check ((status = 'RUNNING') = (finished_at is null))
);
create index reconciliation_run_newest_idx on reconciliation_run (shop_id, started_at desc);

-- A failed run is kept for a person (SPEC §11).
alter table attention_item drop constraint attention_item_kind_check;
alter table attention_item add constraint attention_item_kind_check
    check (kind in ('ORDER_EVENT_FAILED', 'WEBHOOK_REJECTED', 'RECONCILIATION_FAILED'));
