package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.CUSTOMER;
import static io.pointsaga.order.OrderFixtures.ORDER;
import static io.pointsaga.order.OrderFixtures.SHOP;
import static io.pointsaga.order.OrderFixtures.cancelled;
import static io.pointsaga.order.OrderFixtures.line;
import static io.pointsaga.order.OrderFixtures.order;
import static io.pointsaga.order.OrderFixtures.paid;
import static io.pointsaga.order.OrderFixtures.refund;
import static io.pointsaga.order.OrderFixtures.refundCreated;
import static io.pointsaga.order.OrderFixtures.refunded;
import static io.pointsaga.order.OrderFixtures.rule;
import static io.pointsaga.order.TestLedger.delta;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.ledger.EntryKind;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §13 pendingPeriod in the points arithmetic: pending, reduced, removed, approved. */
class PendingPointsTest {
  static final Instant PAID_AT = Instant.parse("2026-11-30T10:00:00Z");
  static final Duration TWO_WEEKS = Duration.ofDays(14);

  /** Seed 001's order: $40 + $20 items with a $10 coupon, 50 points on $50 effective. */
  static final OrderSnapshot ORDER_50 = order(line("item40", "33.33"), line("item20", "16.67"));

  static ShopSettings pending(ClawbackRate rate, Duration period, CancelOn... cancelOn) {
    return new ShopSettings(
        cancelOn.length == 0 ? null : Set.of(cancelOn),
        rate,
        null,
        null,
        null,
        false,
        null,
        null,
        period.toString());
  }

  static TestLedger ledger(ShopSettings settings) {
    TestLedger ledger = new TestLedger(ORDER, settings, rule("1"));
    ledger.now = PAID_AT;
    return ledger;
  }

  static OrderEvent approval() {
    return OrderEvent.pendingPeriodEnded(SHOP, ORDER);
  }

  @Test
  void aPaymentsPointsArePendingUntilThePeriodPassesAndNotInTheBalance() {
    TestLedger ledger = ledger(pending(ClawbackRate.AWARDED, TWO_WEEKS));

    List<OrderChange> earned = ledger.apply(paid(ORDER_50));

    assertThat(earned).singleElement().satisfies(c -> assertThat(c.entryKind()).isNull());
    assertThat(delta(earned)).isZero();
    assertThat(ledger.balance(CUSTOMER)).isZero();
    assertThat(ledger.order.pointsPending()).isEqualTo(50);
    assertThat(ledger.order.pointsHeld()).isZero();
    assertThat(ledger.order.pendingUntil()).isEqualTo(PAID_AT.plus(TWO_WEEKS));
    assertThat(earned.get(0).note())
        .contains("Earned 50 points on order " + ORDER)
        .contains("pending until 2026-12-14T10:00:00Z")
        .contains("pendingPeriod PT336H");
  }

  @Test
  void withoutAPeriodThePaymentEarnsIntoTheBalanceAsBefore() {
    TestLedger ledger = ledger(pending(ClawbackRate.AWARDED, Duration.ZERO));

    List<OrderChange> earned = ledger.apply(paid(ORDER_50));

    assertThat(earned)
        .singleElement()
        .satisfies(c -> assertThat(c.entryKind()).isEqualTo(EntryKind.EARN));
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(50);
    assertThat(ledger.order.pointsPending()).isZero();
    assertThat(ledger.order.pendingUntil()).isNull();
  }

  static Stream<Arguments> refundsDuringThePeriod() {
    // seed 001: returning the $20 item refunds $16.67: 33 kept (AWARDED), 16 removed at 1/$1
    return Stream.of(
        Arguments.of(ClawbackRate.AWARDED, 33), Arguments.of(ClawbackRate.CURRENT_RULE, 34));
  }

  @ParameterizedTest(name = "{0}: {1} points stay pending")
  @MethodSource("refundsDuringThePeriod")
  void aRefundDuringThePeriodReducesThePendingPointsNeverTheBalance(
      ClawbackRate rate, long stillPending) {
    TestLedger ledger = ledger(pending(rate, TWO_WEEKS));
    ledger.setBalance(CUSTOMER, 1_000);
    ledger.apply(paid(ORDER_50));

    List<OrderChange> refunded =
        ledger.apply(refundCreated(refund("r20", refunded("item20", "16.67"))));

    assertThat(delta(refunded)).isZero();
    assertThat(refunded).singleElement().satisfies(c -> assertThat(c.entryKind()).isNull());
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(1_000);
    assertThat(ledger.order.pointsPending()).isEqualTo(stillPending);
    assertThat(ledger.order.pendingUntil()).isEqualTo(PAID_AT.plus(TWO_WEEKS));
    assertThat(refunded.get(0).note())
        .contains("still pending: %d remain pending".formatted(stillPending));
  }

  @Test
  void aFullRefundDuringThePeriodRemovesThemAndNothingIsLeftToApprove() {
    TestLedger ledger = ledger(pending(ClawbackRate.AWARDED, TWO_WEEKS));
    ledger.apply(paid(ORDER_50));
    ledger.apply(
        refundCreated(refund("all", refunded("item40", "33.33"), refunded("item20", "16.67"))));

    assertThat(ledger.order.pointsPending()).isZero();
    assertThat(ledger.order.pendingUntil()).isNull();
    assertThat(ledger.order.status()).isEqualTo(OrderStatus.REFUNDED);

    ledger.now = PAID_AT.plus(TWO_WEEKS);
    assertThat(ledger.apply(approval())).isEmpty();
    assertThat(ledger.balance(CUSTOMER)).isZero();
  }

  @Test
  void aCancellationDuringThePeriodRemovesThemWithANote() {
    TestLedger ledger =
        ledger(pending(ClawbackRate.AWARDED, TWO_WEEKS, CancelOn.REFUNDED, CancelOn.CANCELLED));
    ledger.apply(paid(ORDER_50));

    List<OrderChange> cancelled = ledger.apply(cancelled(ORDER_50));

    assertThat(delta(cancelled)).isZero();
    assertThat(ledger.order.pointsPending()).isZero();
    assertThat(ledger.order.pendingUntil()).isNull();
    assertThat(cancelled.get(0).note()).contains("its 50 pending points were cancelled");
    assertThat(ledger.balance(CUSTOMER)).isZero();
  }

  @Test
  void theEndOfThePeriodApprovesTheRestIntoTheBalanceOnceWithANote() {
    TestLedger ledger = ledger(pending(ClawbackRate.AWARDED, TWO_WEEKS));
    ledger.apply(paid(ORDER_50));
    ledger.apply(refundCreated(refund("r20", refunded("item20", "16.67"))));

    ledger.now = PAID_AT.plus(TWO_WEEKS).minusSeconds(1);
    assertThat(ledger.apply(approval())).as("not before the period's end").isEmpty();

    ledger.now = PAID_AT.plus(TWO_WEEKS);
    List<OrderChange> approved = ledger.apply(approval());
    assertThat(approved)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.entryKind()).isEqualTo(EntryKind.EARN);
              assertThat(c.pointsDelta()).isEqualTo(33);
              assertThat(c.eventKey()).isEqualTo(OrderEventKeys.PENDING_APPROVED_EVENT);
              assertThat(c.note())
                  .isEqualTo(
                      "Approved 33 pending points of order %s into the balance: its pending period ended 2026-12-14T10:00:00Z."
                          .formatted(ORDER));
            });
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(33);
    assertThat(ledger.order.pointsHeld()).isEqualTo(33);
    assertThat(ledger.order.pointsPending()).isZero();
    assertThat(ledger.apply(approval())).as("approved once").isEmpty();

    // after the approval, refunds take from the balance as always
    List<OrderChange> later =
        ledger.apply(refundCreated(refund("r40", refunded("item40", "33.33"))));
    assertThat(delta(later)).isEqualTo(-33);
    assertThat(ledger.balance(CUSTOMER)).isZero();
  }

  /**
   * Random orders, refunds and approval times under both rates: pending and held points never go
   * below zero, the balance only moves after the approval, nothing is approved twice, and after a
   * full refund no point of the order is held or pending (AWARDED: never more than the remaining
   * spend earns).
   */
  @Test
  void randomRefundsAroundTheApprovalKeepTheInvariants() {
    long seed = 13_2026L;
    Random random = new Random(seed);
    for (int run = 0; run < 500; run++) {
      ClawbackRate rate = random.nextBoolean() ? ClawbackRate.AWARDED : ClawbackRate.CURRENT_RULE;
      TestLedger ledger = ledger(pending(rate, TWO_WEEKS));
      int lineCount = 1 + random.nextInt(4);
      List<OrderLine> lines = new ArrayList<>();
      for (int i = 0; i < lineCount; i++) {
        lines.add(line("l" + i, BigDecimal.valueOf(1 + random.nextInt(20_000), 2).toPlainString()));
      }
      OrderSnapshot order = order(lines.toArray(OrderLine[]::new));
      ledger.apply(paid(order));
      int approveAfter = random.nextInt(lineCount + 1); // refunds before the approval
      boolean approved = false;
      for (int i = 0; i < lineCount; i++) {
        if (i == approveAfter) {
          ledger.now = PAID_AT.plus(TWO_WEEKS);
          ledger.apply(approval());
          approved = true;
        }
        String where = "seed %d run %d %s refund %d".formatted(seed, run, rate, i);
        long balanceBefore = ledger.balance(CUSTOMER);
        OrderLine refundedLine = lines.get(i);
        ledger.apply(
            refundCreated(
                refund(
                    "r" + i,
                    refunded(
                        refundedLine.lineItemId(),
                        refundedLine.amountAfterDiscounts().toPlainString()))));
        assertThat(ledger.order.pointsPending()).as(where).isNotNegative();
        assertThat(ledger.order.pointsHeld()).as(where).isNotNegative();
        if (!approved) {
          assertThat(ledger.balance(CUSTOMER)).as(where).isEqualTo(balanceBefore).isZero();
        }
        if (rate == ClawbackRate.AWARDED) {
          long target =
              PointsMath.pointsKept(
                  BigDecimal.ONE, ledger.order.effectiveSpend(), ledger.order.refundedAmount());
          assertThat(ledger.order.pointsFromOrder()).as(where).isLessThanOrEqualTo(target);
        }
      }
      String where = "seed %d run %d %s".formatted(seed, run, rate);
      assertThat(ledger.order.status()).as(where).isEqualTo(OrderStatus.REFUNDED);
      if (rate == ClawbackRate.AWARDED) { // CURRENT_RULE floors each refund: it can drift
        assertThat(ledger.order.pointsFromOrder()).as(where).isZero();
        assertThat(ledger.balance(CUSTOMER)).as(where).isZero();
      }
      ledger.now = PAID_AT.plus(TWO_WEEKS);
      assertThat(ledger.apply(approval())).as(where + ": nothing approved twice").isEmpty();
    }
  }
}
