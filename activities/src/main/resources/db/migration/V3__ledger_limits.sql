-- SPEC §2 and §8 kept by the database as well as by Ledger.java:
--   * balances and entries stay within plus or minus 10^15 points (LedgerLimits.MAX_BALANCE);
--   * each entry continues its customer's chain: balance_after = previous balance_after + points;
--   * the points of an entry never change once written;
--   * at commit, a customer's cached balance equals the balance_after of their last entry (0 without
--     entries), so with the chain the cached balance equals the sum of the entries.
-- Every check is an index lookup: customer's primary key, ledger_entry_customer_idx
-- (shop_id, customer_id, id desc) for the last entry.

alter table customer
    add constraint customer_points_balance_range
        check (points_balance between -1000000000000000 and 1000000000000000);

alter table ledger_entry
    add constraint ledger_entry_points_range
        check (points between -1000000000000000 and 1000000000000000),
    add constraint ledger_entry_balance_after_range
        check (balance_after between -1000000000000000 and 1000000000000000);

create function ledger_entry_continues_chain() returns trigger
    language plpgsql as
$$
declare
    previous bigint;
begin
    -- The customer's row lock serialises the writers of one customer. Ledger.post holds it already
    -- (so this costs nothing there); any other writer gets it here, before reading the chain.
    perform 1 from customer
     where shop_id = new.shop_id and customer_id = new.customer_id
       for update;
    select balance_after into previous
      from ledger_entry
     where shop_id = new.shop_id and customer_id = new.customer_id
     order by id desc
     limit 1;
    if new.balance_after <> coalesce(previous, 0) + new.points then
        raise exception 'ledger entry % does not continue the balance of customer %: % + % <> %',
            new.idempotency_key, new.customer_id, coalesce(previous, 0), new.points, new.balance_after
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;

create trigger ledger_entry_continues_chain
    before insert on ledger_entry
    for each row execute function ledger_entry_continues_chain();

create function ledger_entry_points_are_immutable() returns trigger
    language plpgsql as
$$
begin
    if new.points <> old.points or new.balance_after <> old.balance_after
        or new.shop_id <> old.shop_id then
        raise exception 'ledger entry % is immutable: book a correcting entry instead',
            old.idempotency_key
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;

create trigger ledger_entry_points_are_immutable
    before update on ledger_entry
    for each row execute function ledger_entry_points_are_immutable();

-- Checked at commit (deferred), when the transaction has both written the entry and updated the
-- cached balance. It reads the rows as they are then, not the trigger's row version, so several
-- postings in one transaction are fine. A customer deleted in the same transaction is not checked.
create function customer_balance_matches_last_entry() returns trigger
    language plpgsql as
$$
declare
    k_shop     bigint;
    k_customer text;
    cached     bigint;
    last_after bigint;
begin
    if tg_op = 'DELETE' then
        k_shop := old.shop_id;
        k_customer := old.customer_id;
    else
        k_shop := new.shop_id;
        k_customer := new.customer_id;
    end if;
    select points_balance into cached
      from customer
     where shop_id = k_shop and customer_id = k_customer;
    if not found then
        return null;
    end if;
    select balance_after into last_after
      from ledger_entry
     where shop_id = k_shop and customer_id = k_customer
     order by id desc
     limit 1;
    if cached <> coalesce(last_after, 0) then
        raise exception 'cached balance % of customer % differs from its last ledger entry (%)',
            cached, k_customer, coalesce(last_after, 0)
            using errcode = 'check_violation';
    end if;
    return null;
end
$$;

create constraint trigger customer_balance_matches_last_entry
    after insert or update of points_balance on customer
    deferrable initially deferred
    for each row execute function customer_balance_matches_last_entry();

create constraint trigger ledger_entry_matches_customer_balance
    after insert or delete on ledger_entry
    deferrable initially deferred
    for each row execute function customer_balance_matches_last_entry();
