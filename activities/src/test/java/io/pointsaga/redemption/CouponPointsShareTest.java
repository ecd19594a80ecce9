package io.pointsaga.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * restoreRedeemedPoints PROPORTIONAL: the share of a coupon's points a refunded order gives back.
 */
class CouponPointsShareTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // points spent, refunded so far, spend, completes the order -> points back so far
        Arguments.of(500, "10.00", "15.00", false, 333), // seed 004: 500 x 10/15 = 333.33
        Arguments.of(500, "15.00", "15.00", false, 500), // all the effective value refunded
        Arguments.of(500, "5.00", "15.00", false, 166),
        Arguments.of(500, "14.99", "15.00", false, 499),
        Arguments.of(500, "0.01", "15.00", false, 0), // 0.33: floor
        Arguments.of(500, "5.00", "15.00", true, 500), // the refund that completes gives the rest
        Arguments.of(500, "20.00", "15.00", false, 500), // never more than spent
        Arguments.of(500, "0.00", "15.00", false, 0),
        Arguments.of(500, "0.00", "0.00", false, 0), // the coupon paid for everything
        Arguments.of(500, "0.00", "0.00", true, 500), // ... and the order was refunded in full
        Arguments.of(0, "10.00", "15.00", true, 0),
        Arguments.of(1_000_000_000, "33.33", "50.00", false, 666_600_000));
  }

  @ParameterizedTest(name = "{0} points, {1} of {2} refunded, completes {3}: {4} back")
  @MethodSource("table")
  void pointsBackSoFar(long spent, String refunded, String spend, boolean completes, long back) {
    assertThat(
            CouponPointsShare.pointsBack(
                spent, new BigDecimal(refunded), new BigDecimal(spend), completes))
        .isEqualTo(back);
  }

  /**
   * Refunds in random sizes and numbers: each gives back the difference to the share so far, which
   * never goes down, never passes the points spent, and reaches them exactly at the last refund.
   */
  @Test
  void randomRefundSplitsGiveBackExactlyThePointsSpent() {
    long seed = 20261130L;
    Random random = new Random(seed);
    for (int run = 0; run < 2_000; run++) {
      long spent = 1 + random.nextInt(5_000);
      long cents = 1 + random.nextInt(100_000);
      BigDecimal spend = BigDecimal.valueOf(cents, 2);
      List<Long> parts = split(cents, 1 + random.nextInt(6), random);
      long refundedCents = 0;
      long givenBack = 0;
      for (int i = 0; i < parts.size(); i++) {
        refundedCents += parts.get(i);
        boolean last = i == parts.size() - 1;
        long share =
            CouponPointsShare.pointsBack(spent, BigDecimal.valueOf(refundedCents, 2), spend, last);
        String where = "seed %d run %d refund %d of %s".formatted(seed, run, i, parts);
        assertThat(share).as(where).isGreaterThanOrEqualTo(givenBack).isLessThanOrEqualTo(spent);
        givenBack = share;
      }
      assertThat(givenBack).as("seed %d run %d", seed, run).isEqualTo(spent);
    }
  }

  private static List<Long> split(long total, int parts, Random random) {
    List<Long> split = new ArrayList<>();
    long left = total;
    for (int i = 1; i < parts && left > 1; i++) {
      long part = 1 + (long) (random.nextDouble() * (left - 1));
      split.add(part);
      left -= part;
    }
    split.add(left);
    return split;
  }
}
