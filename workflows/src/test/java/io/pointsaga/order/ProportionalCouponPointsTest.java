package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.COUPON;
import static io.pointsaga.order.OrderFixtures.CUSTOMER;
import static io.pointsaga.order.OrderFixtures.ORDER;
import static io.pointsaga.order.OrderFixtures.codes;
import static io.pointsaga.order.OrderFixtures.line;
import static io.pointsaga.order.OrderFixtures.order;
import static io.pointsaga.order.OrderFixtures.paid;
import static io.pointsaga.order.OrderFixtures.refund;
import static io.pointsaga.order.OrderFixtures.refundCreated;
import static io.pointsaga.order.OrderFixtures.refunded;
import static io.pointsaga.order.OrderFixtures.rule;
import static io.pointsaga.order.OrderFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPEC §13 restoreRedeemedPoints PROPORTIONAL, driven through the order's refunds. */
class ProportionalCouponPointsTest {

  /** Seed 004 with PROPORTIONAL: two $10 items and a $5 coupon bought with 500 points. */
  @Test
  void seed004GivesTheCouponsPointsBackWithEachRefund() {
    TestLedger ledger =
        new TestLedger(ORDER, settings(RestoreRedeemedPoints.PROPORTIONAL), rule("1"));
    ledger.setBalance(CUSTOMER, 1_000);
    ledger.redeem(CUSTOMER, COUPON, 500);
    OrderSnapshot order = order(CUSTOMER, codes(COUPON), line("a", "7.50"), line("b", "7.50"));
    ledger.apply(paid(order));
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(515);

    List<OrderChange> first = ledger.apply(refundCreated(refund("r1", refunded("a", "7.50"))));
    assertThat(first)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.restoreCouponPointsInProportion()).isTrue();
              assertThat(c.restoreCouponPoints()).isFalse();
              assertThat(c.note()).contains("restoreRedeemedPoints PROPORTIONAL");
            });
    // 8 of 15 points taken back; 250 of the coupon's 500 come back (7.50 of 15.00)
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(515 - 8 + 250);

    ledger.apply(refundCreated(refund("r2", refunded("b", "7.50"))));
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(1_000);
    assertThat(ledger.couponPointsRestored).isEqualTo(500);
  }

  @Test
  void otherPoliciesAndOrdersWithoutCouponsAskForNoProportionalRestore() {
    for (RestoreRedeemedPoints policy : RestoreRedeemedPoints.values()) {
      TestLedger withCoupon = new TestLedger(ORDER, settings(policy), rule("1"));
      withCoupon.apply(paid(order(CUSTOMER, codes(COUPON), line("a", "7.50"), line("b", "7.50"))));
      List<OrderChange> partial =
          withCoupon.apply(refundCreated(refund("r1", refunded("a", "7.50"))));
      assertThat(partial.get(0).restoreCouponPointsInProportion())
          .as(policy.name())
          .isEqualTo(policy == RestoreRedeemedPoints.PROPORTIONAL);
      assertThat(partial.get(0).restoreCouponPoints()).as(policy.name()).isFalse();
    }
    TestLedger noCoupon =
        new TestLedger(ORDER, settings(RestoreRedeemedPoints.PROPORTIONAL), rule("1"));
    noCoupon.apply(paid(order(line("a", "7.50"))));
    assertThat(
            noCoupon
                .apply(refundCreated(refund("r1", refunded("a", "7.50"))))
                .get(0)
                .restoreCouponPointsInProportion())
        .isFalse();
  }

  /**
   * Random orders refunded line by line in random order: the coupon's points come back step by
   * step, never more than spent, all of them when the order is refunded in full, and a redelivered
   * refund gives back nothing more.
   */
  @Test
  void randomRefundsGiveBackExactlyThePointsSpent() {
    long seed = 4_13L;
    Random random = new Random(seed);
    for (int run = 0; run < 500; run++) {
      TestLedger ledger =
          new TestLedger(ORDER, settings(RestoreRedeemedPoints.PROPORTIONAL), rule("1"));
      long spent = 1 + random.nextInt(2_000);
      ledger.redeem(CUSTOMER, COUPON, spent);
      int lineCount = 1 + random.nextInt(5);
      List<OrderLine> lines = new ArrayList<>();
      for (int i = 0; i < lineCount; i++) {
        lines.add(line("l" + i, BigDecimal.valueOf(1 + random.nextInt(30_000), 2).toPlainString()));
      }
      ledger.apply(paid(order(CUSTOMER, codes(COUPON), lines.toArray(OrderLine[]::new))));
      List<OrderLine> refundOrder = new ArrayList<>(lines);
      java.util.Collections.shuffle(refundOrder, random);
      long restoredBefore = 0;
      for (int i = 0; i < refundOrder.size(); i++) {
        OrderLine l = refundOrder.get(i);
        OrderEvent refund =
            refundCreated(
                refund(
                    "r" + i, refunded(l.lineItemId(), l.amountAfterDiscounts().toPlainString())));
        ledger.apply(refund);
        ledger.apply(refund); // redelivered
        String where = "seed %d run %d refund %d".formatted(seed, run, i);
        assertThat(ledger.couponPointsRestored)
            .as(where)
            .isGreaterThanOrEqualTo(restoredBefore)
            .isLessThanOrEqualTo(spent);
        restoredBefore = ledger.couponPointsRestored;
      }
      assertThat(ledger.couponPointsRestored).as("seed %d run %d", seed, run).isEqualTo(spent);
    }
  }
}
