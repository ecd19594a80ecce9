package io.pointsaga.local.bench;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk ledger entries for the feed benchmark, written by SQL fast enough for 10^6 rows and through
 * the ledger's own V3 triggers: entry {@code g} of a shop goes to customer {@code g % customers},
 * adds {@link #POINTS}, and continues that customer's chain; after each batch the cached balances
 * are set to the last entries' {@code balance_after} in the same transaction, so the deferred
 * balance check holds at commit (one transaction per batch). The tables are analyzed at the end.
 * Entries are a second apart, oldest first, ending now.
 */
final class FeedRows {
  static final long POINTS = 10;
  static final int BATCH = 50_000;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final int batch;

  FeedRows(JdbcClient jdbc, TransactionTemplate transactions) {
    this(jdbc, transactions, BATCH);
  }

  FeedRows(JdbcClient jdbc, TransactionTemplate transactions, int batch) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.batch = batch;
  }

  /** Customer {@code k}'s platform id. */
  static String customerId(String prefix, int k) {
    return prefix + k;
  }

  /** The balance after entry {@code g}: it is its customer's ({@code g / customers})-th entry. */
  static long balanceAfter(long g, int customers) {
    return POINTS * (g / customers + 1);
  }

  /** Customer {@code k}'s balance once entries {@code 0 .. entries-1} are written. */
  static long balanceOf(int k, long entries, int customers) {
    return k < entries ? POINTS * ((entries - 1 - k) / customers + 1) : 0;
  }

  /** Writes {@code entries} entries over {@code customers} new customers of the shop. */
  void fill(long shopId, String prefix, int customers, long entries) {
    jdbc.sql(
            """
            insert into customer (shop_id, customer_id)
            select ?, ? || k from generate_series(0, ? - 1) k
            """)
        .params(shopId, prefix, customers)
        .update();
    for (long from = 0; from < entries; from += batch) {
      long start = from;
      long end = Math.min(entries, from + batch);
      transactions.executeWithoutResult(
          tx -> write(shopId, prefix, customers, entries, start, end));
    }
    // Fresh statistics, as autovacuum would gather shortly after such a load in production.
    jdbc.sql("analyze ledger_entry, customer").update();
  }

  private void write(long shopId, String prefix, int customers, long entries, long from, long to) {
    jdbc.sql(
            """
            insert into ledger_entry (shop_id, customer_id, points, kind, idempotency_key,
                                      balance_after, note, created_at)
            select :shop, :prefix || (g % :customers), :points, 'MANUAL_ADJUSTMENT',
                   'bench-feed:' || :prefix || g, :points * (g / :customers + 1),
                   'Benchmark entry ' || g, now() - make_interval(secs => :entries - g)
              from generate_series(:from, :to - 1) g
             order by g
            """)
        .param("shop", shopId)
        .param("prefix", prefix)
        .param("customers", customers)
        .param("points", POINTS)
        .param("entries", entries)
        .param("from", from)
        .param("to", to)
        .update();
    jdbc.sql(
            """
            update customer c set points_balance = :points * ((:to - 1 - k) / :customers + 1)
              from generate_series(0, least(:customers, :to) - 1) k
             where c.shop_id = :shop and c.customer_id = :prefix || k
            """)
        .param("shop", shopId)
        .param("prefix", prefix)
        .param("customers", customers)
        .param("points", POINTS)
        .param("to", to)
        .update();
  }
}
