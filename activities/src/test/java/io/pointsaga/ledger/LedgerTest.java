package io.pointsaga.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
