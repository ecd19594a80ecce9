package io.pointsaga.local.bench;

/**
 * Cancellation latency against an embedded mode that runs elsewhere ({@code
 * bench/cancellation-latency.sh} starts one): {@link CancellationRuns} over HTTP. Not a test.
 *
 * <p>Arguments: base URL, runs, warm-up runs. Prints p50 / p90 / p99 / max in milliseconds.
 */
public final class CancellationLatencyBenchmark {
  private CancellationLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Latencies latencies =
        new CancellationRuns(
                baseUrl,
                System.getenv().getOrDefault("DEMO_SHOP_DOMAIN", "demo-shop.myshopify.com"),
                System.getenv().getOrDefault("DEMO_ADMIN_TOKEN", "demo-admin-token"))
            .measure(runs, warmup);
    System.out.printf(
        "cancellation of an unused reward, %s (after %d warm-up)%n", latencies, warmup);
  }
}
