package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.line;
import static io.pointsaga.order.OrderFixtures.money;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §3: points = floor(effective spend x rate); effective spend = lines after discounts. */
class PointsMathTest {

  @ParameterizedTest(name = "floor({0} x {1}) = {2}")
  @CsvSource({
    "50.00, 1, 50",
    "50.99, 1, 50",
    "0.99, 1, 0",
    "16.67, 1, 16",
    "33.33, 1, 33",
    "15.00, 1, 15",
    "49.999, 1, 49",
    "50.00, 2, 100",
    "16.67, 2, 33",
    "20.00, 1.5, 30",
    "10.01, 1.5, 15",
    "33.33, 1.5, 49",
    "0.67, 1.5, 1",
    "0.66, 1.5, 0",
    "99.99, 0.1, 9",
    "100.00, 0.1, 10",
    "9.99, 0.1, 0",
    "1234567.89, 0.25, 308641",
  })
  void pointsAreTheFloorOfAmountTimesRate(String amount, String rate, long expected) {
    assertThat(PointsMath.points(money(amount), money(rate))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "points({0}, {1}) = 0")
  @CsvSource({
    "0, 1",
    "0.00, 1.5",
    "-5.00, 1",
    "-0.01, 2",
    "50.00, 0",
    "50.00, -1",
    "-50.00, -1",
  })
  void zeroOrNegativeAmountsOrRatesGiveNoPoints(String amount, String rate) {
    assertThat(PointsMath.points(money(amount), money(rate))).isZero();
  }

  @Test
  void missingAmountOrRateGivesNoPoints() {
    assertThat(PointsMath.points(null, BigDecimal.ONE)).isZero();
    assertThat(PointsMath.points(money("10"), null)).isZero();
  }

  @Test
  void effectiveSpendSumsTheLinesAfterTheirDiscounts() {
    // seed 001: $40 + $20 with a $10 order discount allocated 6.67 / 3.33
    assertThat(PointsMath.effectiveSpend(List.of(line("a", "33.33"), line("b", "16.67"))))
        .isEqualByComparingTo("50.00");
    // seed 004: two $10 items with a $5 coupon
    assertThat(PointsMath.effectiveSpend(List.of(line("a", "7.50"), line("b", "7.50"))))
        .isEqualByComparingTo("15.00");
    assertThat(PointsMath.effectiveSpend(List.of(line("a", "0.01")))).isEqualByComparingTo("0.01");
  }

  @Test
  void effectiveSpendOfNoLinesIsZeroAndNeverNegative() {
    assertThat(PointsMath.effectiveSpend(List.of())).isEqualByComparingTo("0");
    assertThat(PointsMath.effectiveSpend(List.of(line("a", "5.00"), line("b", "-7.00"))))
        .isEqualByComparingTo("0");
  }

  @Test
  void remainingSpendNeverGoesBelowZero() {
    assertThat(PointsMath.remaining(money("50.00"), money("16.67"))).isEqualByComparingTo("33.33");
    assertThat(PointsMath.remaining(money("50.00"), money("50.00"))).isEqualByComparingTo("0");
    assertThat(PointsMath.remaining(money("50.00"), money("60.00"))).isEqualByComparingTo("0");
  }

  @ParameterizedTest(name = "kept at {0} of {1} after {2} refunded = {3}")
  @CsvSource({
    "1, 50.00, 0, 50",
    "1, 50.00, 16.67, 33",
    "1, 50.00, 50.00, 0",
    "1, 50.00, 70.00, 0",
    "1, 15.00, 10.00, 5",
    "2, 50.00, 16.67, 66",
    "1.5, 50.00, 16.67, 49",
    "0.1, 50.00, 16.67, 3",
  })
  void pointsKeptAreTheFloorOfTheAwardedRateTimesTheRemainingSpend(
      String rate, String spend, String refunded, long expected) {
    assertThat(PointsMath.pointsKept(money(rate), money(spend), money(refunded)))
        .isEqualTo(expected);
  }

  /** The first five of the 100 seeds this test always ran, then fresh ones ({@link Seeds}). */
  static LongStream seeds() {
    return Seeds.of(100, 1_000L, 1_001L, 1_002L, 1_003L, 1_004L);
  }

  /**
   * Random lines and rates: the sum of per-line points never exceeds the points of the sum (floor
   * is superadditive), points kept never grow as more is refunded, and refunding everything keeps
   * nothing.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void pointsKeptShrinkMonotonicallyToZero(long seed) throws Exception {
    Seeds.check(seed, () -> pointsKeptShrink(seed));
  }

  private static void pointsKeptShrink(long seed) {
    Random random = new Random(seed);
    BigDecimal rate =
        List.of(money("1"), money("2"), money("1.5"), money("0.1")).get(random.nextInt(4));
    List<OrderLine> lines = new ArrayList<>();
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      lines.add(new OrderLine("l" + i, BigDecimal.valueOf(random.nextInt(50_000), 2)));
    }
    BigDecimal spend = PointsMath.effectiveSpend(lines);
    BigDecimal expectedSpend =
        lines.stream()
            .map(OrderLine::amountAfterDiscounts)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(spend).as("seed %d", seed).isEqualByComparingTo(expectedSpend);
    long earned = PointsMath.points(spend, rate);
    assertThat(earned)
        .as("seed %d", seed)
        .isEqualTo(spend.multiply(rate).setScale(0, RoundingMode.FLOOR).longValueExact());
    long perLine =
        lines.stream().mapToLong(l -> PointsMath.points(l.amountAfterDiscounts(), rate)).sum();
    assertThat(perLine).as("seed %d: sum of per-line points", seed).isLessThanOrEqualTo(earned);

    BigDecimal refunded = BigDecimal.ZERO;
    long kept = PointsMath.pointsKept(rate, spend, refunded);
    assertThat(kept).as("seed %d", seed).isEqualTo(earned);
    for (OrderLine l : lines) {
      refunded = refunded.add(l.amountAfterDiscounts());
      long next = PointsMath.pointsKept(rate, spend, refunded);
      assertThat(next)
          .as("seed %d: kept after refunding %s", seed, refunded)
          .isLessThanOrEqualTo(kept);
      kept = next;
    }
    assertThat(kept).as("seed %d: kept after refunding everything", seed).isZero();
  }
}
