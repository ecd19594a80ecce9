package io.pointsaga.testing;

import java.util.stream.LongStream;

/**
 * Seeds for the property tests: a few fixed regression seeds (the seeds the tests always ran
 * before) beside fresh seeds that change with every run, so each run explores new cases and any
 * failure can be replayed.
 *
 * <p>The fresh seeds follow one seed per run: {@code -Dpointsaga.seed=N} if given, else the clock.
 * It is printed once per run. Given, the tests run that seed alone, so a failure (which names its
 * seed) reruns with {@code -Dpointsaga.seed=<the seed it names>}; {@link #check} puts the seed and
 * that command in every failure message.
 */
public final class Seeds {
  public static final String PROPERTY = "pointsaga.seed";

  private static final Long GIVEN = Long.getLong(PROPERTY);

  /** Kept below 10^12 so that tests may build ids from a seed without overflow. */
  private static final long RUN =
      GIVEN != null ? GIVEN : System.currentTimeMillis() % 1_000_000_000_000L;

  static {
    System.out.printf(
        "[property tests] run seed %d (%s); rerun a failing seed with -D%s=<seed>%n",
        RUN, GIVEN != null ? "from -D" + PROPERTY : "from the clock", PROPERTY);
  }

  private Seeds() {}

  /**
   * The regression seeds, then fresh seeds up to {@code total} in all; only the given seed when
   * {@code -Dpointsaga.seed} is set.
   */
  public static LongStream of(int total, long... regression) {
    if (GIVEN != null) {
      return LongStream.of(GIVEN);
    }
    return LongStream.concat(
        LongStream.of(regression),
        LongStream.range(0, Math.max(1, total - regression.length)).map(i -> RUN + i));
  }

  /** A check of one seed. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** Runs the check; a failure is rethrown with the seed and how to rerun it in its message. */
  public static void check(long seed, Check check) throws Exception {
    try {
      check.run();
    } catch (AssertionError | Exception e) {
      throw new AssertionError(
          "seed %d (rerun: -D%s=%d): %s".formatted(seed, PROPERTY, seed, e.getMessage()), e);
    }
  }
}
