package io.pointsaga.ledger;

import java.math.BigInteger;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the ledger's invariants for every customer (SPEC §2, §8): the cached balance equals the
 * sum of the customer's entries, and each entry's {@code balance_after} is the previous one plus
 * its points (the chain starts at 0). Read-only, on one snapshot; used by the operator API and the
 * CI fuzzing stage.
 */
@Repository
public class LedgerAudit {
  /**
   * At most this many mismatches are listed; {@link AuditReport#mismatchesFound()} counts them all.
   */
  public static final int MAX_LISTED = 1000;

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;

  public LedgerAudit(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /**
   * @param customersChecked customers in the ledger, every shop
   * @param entriesChecked ledger entries of those customers
   * @param mismatchesFound customers breaking an invariant (the list holds the first {@value
   *     #MAX_LISTED})
   */
  public record AuditReport(
      long customersChecked,
      long entriesChecked,
      long mismatchesFound,
      List<BalanceMismatch> mismatches) {}

  /**
   * One customer whose balance disagrees with their entries.
   *
   * @param pointsBalance the cached balance
   * @param sumOfEntries the sum of the customer's entries: what the balance must be
   * @param lastBalanceAfter {@code balance_after} of the newest entry (null without entries)
   * @param brokenChainEntries entries whose {@code balance_after} is not the running sum
   * @param firstBrokenEntryId the oldest of those (null if none)
   */
  public record BalanceMismatch(
      String shop,
      String customerId,
      long pointsBalance,
      BigInteger sumOfEntries,
      Long lastBalanceAfter,
      long brokenChainEntries,
      Long firstBrokenEntryId) {}

  public AuditReport run() {
    return snapshot.execute(status -> audit());
  }

  private AuditReport audit() {
    long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
    long entries = jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    String perCustomer =
        """
        with chain as (
            select shop_id, customer_id, id, balance_after,
                   sum(points::numeric) over (partition by shop_id, customer_id order by id) as running,
                   row_number() over (partition by shop_id, customer_id order by id desc) as from_newest
            from ledger_entry),
        per_customer as (
            select shop_id, customer_id,
                   max(running) filter (where from_newest = 1) as sum_of_entries,
                   max(balance_after) filter (where from_newest = 1) as last_balance_after,
                   count(*) filter (where balance_after <> running) as broken,
                   min(id) filter (where balance_after <> running) as first_broken
            from chain group by shop_id, customer_id),
        audited as (
            select s.domain, c.customer_id, c.points_balance,
                   coalesce(p.sum_of_entries, 0) as sum_of_entries, p.last_balance_after,
                   coalesce(p.broken, 0) as broken, p.first_broken
            from customer c
            join shop s on s.id = c.shop_id
            left join per_customer p on p.shop_id = c.shop_id and p.customer_id = c.customer_id)
        """;
    String mismatch =
        """
        where points_balance <> sum_of_entries or broken > 0
           or (last_balance_after is not null and last_balance_after <> points_balance)
        """;
    long found =
        jdbc.sql(perCustomer + "select count(*) from audited " + mismatch)
            .query(Long.class)
            .single();
    List<BalanceMismatch> listed =
        jdbc.sql(
                perCustomer
                    + "select * from audited "
                    + mismatch
                    + " order by domain, customer_id limit "
                    + MAX_LISTED)
            .query(
                (rs, n) ->
                    new BalanceMismatch(
                        rs.getString("domain"),
                        rs.getString("customer_id"),
                        rs.getLong("points_balance"),
                        rs.getBigDecimal("sum_of_entries").toBigIntegerExact(),
                        rs.getObject("last_balance_after", Long.class),
                        rs.getLong("broken"),
                        rs.getObject("first_broken", Long.class)))
            .list();
    return new AuditReport(customers, entries, found, listed);
  }
}
