package io.pointsaga.local.bench;

/**
 * How much each part of the summary runs. {@code full} and {@code quick} are the sizes;
 * {@code tiny} only checks that the harness works (seconds of load, 10^4 rows), its numbers mean
 * nothing.
 */
record SummarySizes(
    String name,
    int webhookRate,
    int webhookSeconds,
    int warmupSeconds,
    int saturationOrders,
    int cancellations,
    int cancellationWarmup,
    long feedSmall,
    long feedLarge,
    int pageSamples) {

  static SummarySizes full() {
    return new SummarySizes("full", 100, 60, 10, 300, 200, 30, 1_000, 1_000_000, 200);
  }

  static SummarySizes quick() {
    return new SummarySizes("quick", 100, 30, 5, 300, 200, 20, 1_000, 1_000_000, 200);
  }

  static SummarySizes tiny() {
    return new SummarySizes("tiny", 100, 5, 2, 30, 20, 5, 1_000, 10_000, 20);
  }

  static SummarySizes fromArguments(String[] args) {
    for (String arg : args) {
      switch (arg) {
        case "--quick" -> {
          return quick();
        }
        case "--tiny" -> {
          return tiny();
        }
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    return full();
  }
}
