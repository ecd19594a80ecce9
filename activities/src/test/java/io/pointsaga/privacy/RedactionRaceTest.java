package io.pointsaga.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.CustomerErasedException;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.Posting;
import io.pointsaga.ledger.PostingResult;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A customers/redact racing a saga step that writes the same customer (SPEC §9), interleaved
 * deterministically: each side holds its transaction open on a latch, and the test waits until
 * PostgreSQL reports the other side blocked on the customer's row before letting it go. The old
 * platform id must never come back, and the points must stay with the pseudonym.
 */
@Timeout(30)
class RedactionRaceTest {
  private static TestLedger db;
  private static Shop shop;
  private static CustomerRedaction redaction;

  @BeforeAll
  static void database() {
    db = new TestLedger();
    shop = db.shop("redaction-race.myshopify.com", "http://127.0.0.1:1");
    redaction = new CustomerRedaction(db.jdbc, db.tx, db.clock);
  }

  @Test
  void aStepThatRunsAfterTheRedactionIsRefusedAndDoesNotRecreateTheOldId() {
    db.ledger.post(points("1001", 100, "order:5001:paid"));
    RedactionResult redacted = redaction.redact(shop.id(), "1001");

    assertThatThrownBy(() -> db.ledger.post(points("1001", -40, "order:5001:refund:9")))
        .isInstanceOf(CustomerErasedException.class)
        .hasMessageContaining("erased")
        .hasMessageNotContaining("1001");

    assertThat(db.ledger.findCustomer(shop.id(), "1001")).isEmpty();
    assertThat(
            db.ledger.findCustomer(shop.id(), redacted.pseudonym()).orElseThrow().pointsBalance())
        .isEqualTo(100);
  }

  @Test
  void aStepWaitingForTheCustomerRowWhileTheRedactionCommitsIsRefused() throws Exception {
    db.ledger.post(points("1002", 100, "order:5002:paid"));
    CountDownLatch commitRedaction = new CountDownLatch(1);
    CompletableFuture<RedactionResult> redacting =
        CompletableFuture.supplyAsync(
            () ->
                db.tx.execute(
                    status -> {
                      RedactionResult result = redaction.redact(shop.id(), "1002");
                      await(commitRedaction);
                      return result;
                    }));
    awaitRowsMoved("1002");

    CompletableFuture<PostingResult> step =
        CompletableFuture.supplyAsync(
            () -> db.ledger.post(points("1002", -40, "order:5002:refund:9")));
    awaitSomeoneBlockedOnALock();
    commitRedaction.countDown();

    RedactionResult redacted = redacting.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> step.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(CustomerErasedException.class);
    assertThat(db.ledger.findCustomer(shop.id(), "1002")).isEmpty();
    assertThat(
            db.ledger.findCustomer(shop.id(), redacted.pseudonym()).orElseThrow().pointsBalance())
        .isEqualTo(100);
    assertThat(db.ledger.sumOfEntries(shop.id(), redacted.pseudonym())).isEqualTo(100);
  }

  @Test
  void aCustomerBeingCreatedWhenTheRedactionStartsEndsUnderThePseudonym() throws Exception {
    CountDownLatch posted = new CountDownLatch(1);
    CountDownLatch commitStep = new CountDownLatch(1);
    CompletableFuture<PostingResult> step =
        CompletableFuture.supplyAsync(
            () ->
                db.tx.execute(
                    status -> {
                      PostingResult result = db.ledger.post(points("1003", 50, "order:5003:paid"));
                      posted.countDown();
                      await(commitStep);
                      return result;
                    }));
    await(posted);

    CompletableFuture<RedactionResult> redacting =
        CompletableFuture.supplyAsync(() -> redaction.redact(shop.id(), "1003"));
    awaitSomeoneBlockedOnALock();
    commitStep.countDown();

    assertThat(step.get(10, TimeUnit.SECONDS).applied()).isTrue();
    RedactionResult redacted = redacting.get(10, TimeUnit.SECONDS);
    assertThat(redacted.outcome()).isEqualTo(RedactionOutcome.REDACTED);
    assertThat(redacted.pointsBalance()).isEqualTo(50);
    assertThat(db.ledger.findCustomer(shop.id(), "1003")).isEmpty();
    assertThat(
            db.ledger.findCustomer(shop.id(), redacted.pseudonym()).orElseThrow().pointsBalance())
        .isEqualTo(50);
  }

  @Test
  void anIdThatHeldNothingStaysErasedToo() {
    assertThat(redaction.redact(shop.id(), "1004").outcome())
        .isEqualTo(RedactionOutcome.NOTHING_HELD);

    assertThatThrownBy(() -> db.ledger.post(points("1004", 10, "order:5004:paid")))
        .isInstanceOf(CustomerErasedException.class);
    assertThat(db.ledger.findCustomer(shop.id(), "1004")).isEmpty();
  }

  @Test
  void theTombstoneKeepsAHashNeverTheId() {
    redaction.redact(shop.id(), "1005");

    assertThat(
            db.jdbc
                .sql("select customer_hash from erased_customer where shop_id = ?")
                .params(shop.id())
                .query(String.class)
                .list())
        .isNotEmpty()
        .allSatisfy(hash -> assertThat(hash).hasSize(64).doesNotContain("1005"));
  }

  private static Posting points(String customer, long points, String key) {
    return new Posting(
        shop.id(),
        customer,
        points,
        EntryKind.MANUAL_ADJUSTMENT,
        key,
        "test " + key,
        null,
        points > 0 ? Instant.parse("2030-01-01T00:00:00Z") : null,
        BalanceRule.ALLOW_NEGATIVE);
  }

  /**
   * Waits until the open redaction has locked and moved the customer (its pseudonym row exists).
   */
  private static void awaitRowsMoved(String customer) throws InterruptedException {
    awaitUntil(
        "the redaction of " + customer + " to hold the customer's row",
        "select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
            + " where c.relname = 'erased_customer' and l.granted and l.mode = 'RowExclusiveLock'");
  }

  private static void awaitSomeoneBlockedOnALock() throws InterruptedException {
    awaitUntil(
        "a transaction to wait for the other one's lock",
        "select count(*) from pg_stat_activity"
            + " where datname = current_database() and wait_event_type = 'Lock'");
  }

  private static void awaitUntil(String what, String countQuery) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (db.jdbc.sql(countQuery).query(Long.class).single() == 0) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test did not release the transaction in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }
}
