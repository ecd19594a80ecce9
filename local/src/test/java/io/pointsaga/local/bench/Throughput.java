package io.pointsaga.local.bench;

/** How many units of work finished in how long. */
record Throughput(int count, double seconds) {

  static Throughput since(int count, long startNanos) {
    return new Throughput(count, (System.nanoTime() - startNanos) / 1e9);
  }

  double perSecond() {
    return count / seconds;
  }

  @Override
  public String toString() {
    return "%d in %.2f s = %.0f/s".formatted(count, seconds, perSecond());
  }
}
