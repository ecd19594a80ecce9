package io.pointsaga.local.bench;

import io.pointsaga.local.EmbeddedStack;
import io.pointsaga.order.OrderActivities;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 3's numbers on the embedded stack in this JVM: webhook acknowledgement latency at a steady
 * rate ({@link WebhookLoad#steady}), refunds fully applied per second at saturation ({@link
 * WebhookLoad#saturation}) and the same ledger work done directly ({@link DirectLedger}). Not a
 * test: {@code bench/webhook-throughput.sh [rate] [seconds] [orders]}; {@link BenchmarkSummary}
 * runs the same pieces among the others.
 */
public final class WebhookThroughputBenchmark {
  private WebhookThroughputBenchmark() {}

  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Exception | Error e) {
      // The stack's threads would keep the JVM alive: exit, so that the script ends.
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int orders = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    System.setProperty("pointsaga.test.temporal-proxy", "false");
    EmbeddedStack stack = EmbeddedStack.get();
    WebhookLoad load =
        new WebhookLoad(
            new ShopifyDeliveries(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                stack.baseUrl,
                EmbeddedStack.SHOP,
                BenchmarkSummary.WEBHOOK_SECRET),
            stack.context.getBean(JdbcClient.class));
    load.steady(50, 5); // warm-up
    WebhookLoad.Acknowledgements acks = load.steady(rate, seconds);
    System.out.printf(
        "webhook acknowledgement at %d/s for %d s: %s, failures %d%n",
        rate, seconds, acks.latencies(), acks.failures());
    System.out.printf(
        "refunds fully applied through webhooks + Temporal: %s%n",
        load.saturation(orders).refunds());
    DirectLedger direct =
        new DirectLedger(stack.context.getBean(OrderActivities.class), EmbeddedStack.SHOP);
    System.out.printf(
        "the same refunds applied directly (no HTTP, no Temporal, one thread): %s%n",
        direct.refunds(orders));
  }
}
