package io.pointsaga.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

class LedgerTest {
  private static TestLedger db;
  private static Shop shop;

  @BeforeAll
  static void database() {
    db = new TestLedger();
    shop = db.shop("ledger-test.myshopify.com", "http://127.0.0.1:1");
  }

  private static Posting earn(String customer, long points, String key) {
    return new Posting(
        shop.id(),
        customer,
        points,
        EntryKind.MANUAL_ADJUSTMENT,
        key,
        "test " + key,
        null,
        Instant.parse("2030-01-01T00:00:00Z"),
        BalanceRule.ALLOW_NEGATIVE);
  }

  @Test
  void postingCreatesTheCustomerAndRecordsBalanceAfter() {
    PostingResult first = db.ledger.post(earn("c1", 100, "k1"));
    PostingResult second = db.ledger.post(earn("c1", -30, "k2"));

    assertThat(first.applied()).isTrue();
    assertThat(first.entry().balanceAfter()).isEqualTo(100);
    assertThat(second.entry().balanceAfter()).isEqualTo(70);
    assertThat(db.ledger.findCustomer(shop.id(), "c1").orElseThrow().pointsBalance()).isEqualTo(70);
    assertThat(db.ledger.entries(shop.id(), "c1", 10))
        .extracting(LedgerEntry::idempotencyKey)
        .containsExactly("k2", "k1");
  }

  @Test
  void aRepeatedKeyReturnsTheFirstEntryAndChangesNothing() {
    PostingResult first = db.ledger.post(earn("c2", 50, "same"));
    PostingResult repeat = db.ledger.post(earn("c2", 999, "same"));

    assertThat(repeat.applied()).isFalse();
    assertThat(repeat.entry()).isEqualTo(first.entry());
    assertThat(db.ledger.findCustomer(shop.id(), "c2").orElseThrow().pointsBalance()).isEqualTo(50);
  }

  @Test
  void spendingMoreThanTheBalanceIsRefusedAndChangesNothing() {
    db.ledger.post(earn("c3", 10, "c3-earn"));
    Posting spend =
        new Posting(
            shop.id(),
            "c3",
            -11,
            EntryKind.REDEEM,
            "c3-spend",
            "spend",
            null,
            null,
            BalanceRule.REQUIRE_SUFFICIENT);

    assertThatThrownBy(() -> db.ledger.post(spend))
        .isInstanceOf(InsufficientPointsException.class)
        .hasMessageContaining("has 10 points; 11 are needed");
    assertThat(db.ledger.findByKey(shop.id(), "c3-spend")).isEmpty();
    assertThat(db.ledger.findCustomer(shop.id(), "c3").orElseThrow().pointsBalance()).isEqualTo(10);
  }

  @Test
  void concurrentWritersForOneCustomerLoseNoUpdate() throws Exception {
    int writers = 8;
    int postingsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < postingsEach; i++) {
                  db.ledger.post(earn("busy", 1, "busy-" + writer + "-" + i));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    long expected = (long) writers * postingsEach;
    assertThat(db.ledger.findCustomer(shop.id(), "busy").orElseThrow().pointsBalance())
        .isEqualTo(expected);
    assertThat(db.ledger.sumOfEntries(shop.id(), "busy")).isEqualTo(expected);
  }

  // ------------------------------------------------------------ limits (finding 1)

  @Test
  void theMaximumThenOneMoreIsRefusedInsteadOfWrapping() {
    // Finding 1: 9223372036854775807 then 1 wrapped balanceAfter to -2^63.
    assertThatThrownBy(() -> db.ledger.post(earn("wrap", Long.MAX_VALUE, "wrap-1")))
        .isInstanceOf(BalanceLimitException.class)
        .hasMessageContaining("nothing was booked")
        .hasMessageNotContaining("SQL");
    PostingResult atLimit = db.ledger.post(earn("wrap", LedgerLimits.MAX_BALANCE, "wrap-2"));
    assertThat(atLimit.entry().balanceAfter()).isEqualTo(LedgerLimits.MAX_BALANCE);

    assertThatThrownBy(() -> db.ledger.post(earn("wrap", 1, "wrap-3")))
        .isInstanceOfSatisfying(
            BalanceLimitException.class,
            e -> {
              assertThat(e.balance()).isEqualTo(LedgerLimits.MAX_BALANCE);
              assertThat(e.points()).isEqualTo(1);
            });
    assertThat(db.ledger.findByKey(shop.id(), "wrap-3")).isEmpty();
    assertThat(db.ledger.findCustomer(shop.id(), "wrap").orElseThrow().pointsBalance())
        .isEqualTo(LedgerLimits.MAX_BALANCE);
    assertThat(db.ledger.sumOfEntries(shop.id(), "wrap")).isEqualTo(LedgerLimits.MAX_BALANCE);
  }

  @Test
  void postingsBeyondTheLimitEitherWayAreRefusedAndChangeNothing() {
    db.ledger.post(earn("deep", -LedgerLimits.MAX_BALANCE, "deep-1"));

    assertThatThrownBy(() -> db.ledger.post(earn("deep", -1, "deep-2")))
        .isInstanceOf(BalanceLimitException.class);
    assertThatThrownBy(() -> db.ledger.post(earn("deep", Long.MIN_VALUE, "deep-3")))
        .isInstanceOf(BalanceLimitException.class);
    assertThatThrownBy(() -> db.ledger.post(earn("deep", LedgerLimits.MAX_BALANCE + 1, "deep-4")))
        .isInstanceOf(BalanceLimitException.class);
    // a single entry beyond the range is refused even when the balance would end inside it
    assertThatThrownBy(() -> db.ledger.post(earn("deep", 2 * LedgerLimits.MAX_BALANCE, "deep-5")))
        .isInstanceOf(BalanceLimitException.class);
    // moving back towards zero, and up to the other limit, is fine
    assertThat(db.ledger.post(earn("deep", LedgerLimits.MAX_BALANCE, "deep-6")).applied()).isTrue();
    assertThat(db.ledger.post(earn("deep", LedgerLimits.MAX_BALANCE, "deep-7")).applied()).isTrue();

    assertThat(db.ledger.findCustomer(shop.id(), "deep").orElseThrow().pointsBalance())
        .isEqualTo(LedgerLimits.MAX_BALANCE);
    assertThat(db.ledger.sumOfEntries(shop.id(), "deep")).isEqualTo(LedgerLimits.MAX_BALANCE);
  }

  @Test
  void aRepeatOfAnAppliedKeyAnswersTheFirstEntryEvenAtTheLimit() {
    PostingResult first = db.ledger.post(earn("full", LedgerLimits.MAX_BALANCE, "full-1"));

    PostingResult repeat = db.ledger.post(earn("full", LedgerLimits.MAX_BALANCE, "full-1"));

    assertThat(repeat.applied()).isFalse();
    assertThat(repeat.entry()).isEqualTo(first.entry());
  }

  @Test
  void aSpendAfterARefusedOverflowStillSeesTheRealBalance() {
    // Finding 1's last step: after the wrap, a -1 passed the "enough points" check.
    db.ledger.post(earn("spender", LedgerLimits.MAX_BALANCE, "spender-1"));
    assertThatThrownBy(() -> db.ledger.post(earn("spender", 1, "spender-2")))
        .isInstanceOf(BalanceLimitException.class);

    PostingResult spent =
        db.ledger.post(
            new Posting(
                shop.id(),
                "spender",
                -1,
                EntryKind.REDEEM,
                "spender-3",
                "spend",
                null,
                null,
                BalanceRule.REQUIRE_SUFFICIENT));

    assertThat(spent.entry().balanceAfter()).isEqualTo(LedgerLimits.MAX_BALANCE - 1);
  }

  // ------------------------------------------------- database constraints (migration V3)

  @Test
  void aRawUpdateOfTheCachedBalanceIsRefusedByTheDatabase() {
    db.ledger.post(earn("raw1", 100, "raw1-1"));

    assertThatThrownBy(
            () ->
                db.jdbc
                    .sql(
                        "update customer set points_balance = points_balance + 1 where shop_id = ? and customer_id = ?")
                    .params(shop.id(), "raw1")
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("differs from its last ledger entry");
    assertThatThrownBy(
            () ->
                db.jdbc
                    .sql(
                        "update customer set points_balance = ? where shop_id = ? and customer_id = ?")
                    .params(LedgerLimits.MAX_BALANCE + 1, shop.id(), "raw1")
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("customer_points_balance_range");

    assertThat(db.ledger.findCustomer(shop.id(), "raw1").orElseThrow().pointsBalance())
        .isEqualTo(100);
  }

  @Test
  void rawEntriesThatBreakTheChainOrTheRangeAreRefusedByTheDatabase() {
    db.ledger.post(earn("raw2", 100, "raw2-1"));

    // balance_after does not continue the chain (100 + 5 is not 500), even with the cache updated
    assertThatThrownBy(
            () ->
                db.tx.executeWithoutResult(
                    status -> {
                      rawEntry("raw2", 5, 500, "raw2-2");
                      db.jdbc
                          .sql(
                              "update customer set points_balance = 500 where shop_id = ? and customer_id = ?")
                          .params(shop.id(), "raw2")
                          .update();
                    }))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("does not continue the balance");
    // the chain is right but the cached balance is left behind
    assertThatThrownBy(() -> rawEntry("raw2", 5, 105, "raw2-3"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("differs from its last ledger entry");
    // beyond the range
    assertThatThrownBy(
            () ->
                rawEntry(
                    "raw2", LedgerLimits.MAX_BALANCE, 100 + LedgerLimits.MAX_BALANCE, "raw2-4"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("ledger_entry_balance_after_range");

    assertThat(db.ledger.findCustomer(shop.id(), "raw2").orElseThrow().pointsBalance())
        .isEqualTo(100);
    assertThat(db.ledger.entries(shop.id(), "raw2", 10)).hasSize(1);
  }

  @Test
  void entriesAreImmutableAndTheLastCannotBeDeleted() {
    db.ledger.post(earn("raw3", 100, "raw3-1"));
    db.ledger.post(earn("raw3", 50, "raw3-2"));

    assertThatThrownBy(
            () ->
                db.jdbc
                    .sql(
                        "update ledger_entry set points = 60 where shop_id = ? and idempotency_key = ?")
                    .params(shop.id(), "raw3-2")
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("immutable");
    assertThatThrownBy(
            () ->
                db.jdbc
                    .sql("delete from ledger_entry where shop_id = ? and idempotency_key = ?")
                    .params(shop.id(), "raw3-2")
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("differs from its last ledger entry");

    assertThat(db.ledger.findCustomer(shop.id(), "raw3").orElseThrow().pointsBalance())
        .isEqualTo(150);
    assertThat(db.ledger.sumOfEntries(shop.id(), "raw3")).isEqualTo(150);
  }

  @Test
  void severalPostingsInOneTransactionCommit() {
    // the deferred check reads the rows as they are at commit, not each trigger's row version
    db.tx.executeWithoutResult(
        status -> {
          db.ledger.post(earn("multi", 10, "multi-1"));
          db.ledger.post(earn("multi", 20, "multi-2"));
          db.ledger.post(earn("multi", -5, "multi-3"));
        });

    assertThat(db.ledger.findCustomer(shop.id(), "multi").orElseThrow().pointsBalance())
        .isEqualTo(25);
    assertThat(db.ledger.sumOfEntries(shop.id(), "multi")).isEqualTo(25);
  }

  private static void rawEntry(String customer, long points, long balanceAfter, String key) {
    db.jdbc
        .sql(
            """
            insert into ledger_entry (shop_id, customer_id, points, kind, idempotency_key,
                balance_after, note, created_at)
            values (?, ?, ?, 'MANUAL_ADJUSTMENT', ?, ?, 'raw', ?)
            """)
        .params(shop.id(), customer, points, key, balanceAfter, Timestamp.from(Instant.now()))
        .update();
  }
}
