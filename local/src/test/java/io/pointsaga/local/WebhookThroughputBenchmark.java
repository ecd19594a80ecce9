package io.pointsaga.local;

import io.pointsaga.order.OrderActivities;
import io.pointsaga.order.OrderChange;
import io.pointsaga.order.OrderContext;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderPoints;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 3's numbers on the embedded stack (in this JVM, like the tests): (1) webhook
 * acknowledgement latency at a steady rate, (2) refunds fully applied per second when deliveries
 * come as fast as they can, and (3) the same ledger work done directly, without Temporal. Not a
 * test: {@code bench/webhook-throughput.sh [rate] [seconds] [orders]}.
 */
public final class WebhookThroughputBenchmark {
  private static final String SECRET = "demo-webhook-secret";
  private static final AtomicInteger ids = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int orders = args.length > 2 ? Integer.parseInt(args[2]) : 300;
    EmbeddedStack stack = EmbeddedStack.get();
    JdbcClient jdbc = stack.context.getBean(JdbcClient.class);
    long run = System.currentTimeMillis() % 100_000;

    // warm-up
    steady(stack, 50, 5, run * 10 + 1);
    acknowledgements(stack, rate, seconds, run * 10 + 2);
    saturation(stack, jdbc, orders, run * 10 + 3);
    direct(stack, orders, run * 10 + 4);
    System.exit(0);
  }

  private static void acknowledgements(EmbeddedStack stack, int rate, int seconds, long run)
      throws Exception {
    List<Double> millis = steady(stack, rate, seconds, run);
    Collections.sort(millis);
    System.out.printf(
        "webhook acknowledgement at %d/s for %d s: %d sent, p50 %.1f ms, p99 %.1f ms, max %.1f ms, failures %d%n",
        rate,
        seconds,
        millis.size(),
        pct(millis, 50),
        pct(millis, 99),
        millis.get(millis.size() - 1),
        failures.get());
  }

  private static final AtomicInteger failures = new AtomicInteger();

  /** Sends paid + refund deliveries at a fixed rate; returns each acknowledgement's latency. */
  private static List<Double> steady(EmbeddedStack stack, int rate, int seconds, long run)
      throws Exception {
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger sent = new AtomicInteger();
    int total = rate * seconds;
    long periodNanos = 1_000_000_000L / rate;
    ticker.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          if (n >= total) {
            return;
          }
          String orderId = run + "" + (n / 3);
          String customer = "bench-" + run + "-" + (n / 3);
          Delivery d = n % 3 == 0 ? paid(orderId, customer) : refund(orderId, n % 3);
          long start = System.nanoTime();
          inFlight.add(
              send(stack, d)
                  .whenComplete(
                      (status, error) -> {
                        if (error != null || status != 200) {
                          failures.incrementAndGet();
                        }
                        latencies.add((System.nanoTime() - start) / 1e6);
                      }));
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);
    while (sent.get() < total) {
      Thread.sleep(50);
    }
    ticker.shutdown();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return new ArrayList<>(latencies);
  }

  private static void saturation(EmbeddedStack stack, JdbcClient jdbc, int orders, long run)
      throws Exception {
    List<Delivery> paid = new ArrayList<>();
    List<Delivery> refunds = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      String orderId = "9" + run + "" + i;
      paid.add(paid(orderId, "sat-" + run + "-" + i));
      refunds.add(refund(orderId, 1));
      refunds.add(refund(orderId, 2));
    }
    sendAll(stack, paid);
    awaitApplied(jdbc, "9" + run, orders);
    long start = System.nanoTime();
    sendAll(stack, refunds);
    awaitApplied(jdbc, "9" + run, orders * 3);
    double secondsTaken = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "refunds fully applied through webhooks + Temporal: %d in %.2f s = %.0f refunds/s%n",
        refunds.size(), secondsTaken, refunds.size() / secondsTaken);
  }

  /** The same ledger work (load, decide, apply) without webhooks or Temporal. */
  private static void direct(EmbeddedStack stack, int orders, long run) {
    OrderActivities activities = stack.context.getBean(OrderActivities.class);
    String shop = EmbeddedStack.SHOP;
    for (int i = 0; i < orders; i++) {
      String orderId = "8" + run + "" + i;
      apply(activities, shop, paidEvent(orderId, "dir-" + run + "-" + i));
    }
    long start = System.nanoTime();
    int applied = 0;
    for (int i = 0; i < orders; i++) {
      String orderId = "8" + run + "" + i;
      for (int line = 1; line <= 2; line++) {
        apply(activities, shop, refundEvent(orderId, line));
        applied++;
      }
    }
    double secondsTaken = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "the same refunds applied directly (no HTTP, no Temporal, one thread): %d in %.2f s = %.0f refunds/s%n",
        applied, secondsTaken, applied / secondsTaken);
  }

  private static void apply(OrderActivities activities, String shop, OrderEvent event) {
    OrderContext context = activities.load(shop, event.orderId());
    for (OrderChange change : OrderPoints.decide(context, event)) {
      activities.apply(shop, event.orderId(), change);
    }
  }

  private static OrderEvent paidEvent(String orderId, String customer) {
    OrderSnapshot order =
        new OrderSnapshot(
            orderId,
            customer,
            "USD",
            List.of(
                new OrderLine("1", new BigDecimal("30.00")),
                new OrderLine("2", new BigDecimal("20.00"))),
            List.of(),
            "paid",
            false,
            List.of());
    return new OrderEvent(
        0, OrderEventKind.PAID, "paid", EmbeddedStack.SHOP, orderId, order, null, null, null);
  }

  private static OrderEvent refundEvent(String orderId, int line) {
    RefundSnapshot refund =
        new RefundSnapshot(
            orderId + "-r" + line,
            List.of(
                new RefundLine(
                    String.valueOf(line), new BigDecimal(line == 1 ? "30.00" : "20.00"))),
            BigDecimal.ZERO,
            false);
    return new OrderEvent(
        0,
        OrderEventKind.REFUND_CREATED,
        "refund:" + refund.refundId(),
        EmbeddedStack.SHOP,
        orderId,
        null,
        refund,
        null,
        null);
  }

  private static void awaitApplied(JdbcClient jdbc, String orderPrefix, int events)
      throws InterruptedException {
    while (jdbc.sql("select count(*) from order_event where order_id like ?")
            .param(orderPrefix + "%")
            .query(Long.class)
            .single()
        < events) {
      Thread.sleep(20);
    }
  }

  record Delivery(String topic, Map<String, Object> payload) {}

  private static Delivery paid(String orderId, String customer) {
    return new Delivery(
        "orders/paid",
        ShopifyWebhooks.order(
            orderId,
            String.valueOf(Math.abs(customer.hashCode())),
            List.of(ShopifyWebhooks.line(1, "30.00", null), ShopifyWebhooks.line(2, "20.00", null)),
            List.of()));
  }

  private static Delivery refund(String orderId, int line) {
    return new Delivery(
        "refunds/create",
        ShopifyWebhooks.refund(
            Long.parseLong(orderId) * 10 + line, orderId, line, line == 1 ? "30.00" : "20.00"));
  }

  private static void sendAll(EmbeddedStack stack, List<Delivery> deliveries) throws Exception {
    List<CompletableFuture<Integer>> all = new ArrayList<>();
    for (Delivery d : deliveries) {
      all.add(send(stack, d));
      if (all.size() % 64 == 0) {
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
  }

  private static CompletableFuture<Integer> send(EmbeddedStack stack, Delivery d) {
    try {
      byte[] body = stack.json.writeValueAsBytes(d.payload());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/shopify"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-Shopify-Topic", d.topic())
              .header(
                  "X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
              .header("X-Shopify-Shop-Domain", EmbeddedStack.SHOP)
              .header(
                  "X-Shopify-Event-Id", "bench-" + ids.incrementAndGet() + "-" + System.nanoTime())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      return stack
          .http
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpResponse::statusCode);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static double pct(List<Double> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
