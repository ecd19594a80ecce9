-- Activity feeds page by (created_at, source, id) newest first (SPEC §12, keyset cursors): these
-- indexes serve each branch's "created_at <= cursor" for the shop and for one customer, so a page
-- deep in a long history costs what the first page costs.
create index ledger_entry_shop_time_idx on ledger_entry (shop_id, created_at desc, id desc);
create index ledger_entry_customer_time_idx
    on ledger_entry (shop_id, customer_id, created_at desc, id desc);
create index activity_note_shop_time_idx on activity_note (shop_id, created_at desc, id desc);
create index activity_note_customer_time_idx
    on activity_note (shop_id, customer_id, created_at desc, id desc);
