package io.pointsaga.local.bench;

import io.pointsaga.local.bench.ShopifyDeliveries.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhook load on the product: deliveries at a steady rate (acknowledgement latency, the sagas
 * running behind), and refunds as fast as they are taken (refunds fully applied per second).
 */
final class WebhookLoad {
  /** Deliveries in flight at once when sending as fast as possible. */
  static final int SATURATION_IN_FLIGHT = 64;

  record Acknowledgements(Latencies latencies, int failures) {}

  private final ShopifyDeliveries deliveries;
  private final JdbcClient jdbc;

  WebhookLoad(ShopifyDeliveries deliveries, JdbcClient jdbc) {
    this.deliveries = deliveries;
    this.jdbc = jdbc;
  }

  /**
   * Sends {@code rate} deliveries a second for {@code seconds}: per order a payment, then its two
   * refunds, each timed from send to answer. Waits until the sagas applied them all.
   */
  Acknowledgements steady(int rate, int seconds) throws Exception {
    int total = rate * seconds;
    OrderBlock orders = OrderBlock.take((total + 2) / 3);
    ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(
        () -> {
          int n = sent.getAndIncrement();
          if (n >= total) {
            return;
          }
          long orderId = orders.orderId(n / 3);
          Delivery delivery =
              n % 3 == 0
                  ? ShopifyDeliveries.paid(orderId, orderId)
                  : ShopifyDeliveries.refund(orderId, n % 3);
          long start = System.nanoTime();
          inFlight.add(
              deliveries
                  .send(delivery)
                  .whenComplete(
                      (status, error) -> {
                        millis.add((System.nanoTime() - start) / 1e6);
                        if (error != null || status != 200) {
                          failures.incrementAndGet();
                        }
                      }));
        },
        0,
        1_000_000_000L / rate,
        TimeUnit.NANOSECONDS);
    while (sent.get() < total) {
      Thread.sleep(50);
    }
    ticker.shutdown();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    orders.awaitApplied(jdbc, total);
    return new Acknowledgements(Latencies.of(millis), failures.get());
  }

  /**
   * Pays {@code orderCount} orders (untimed, until applied), then sends both refunds of each as
   * fast as they are answered and times until the sagas applied every one.
   */
  Saturation saturation(int orderCount) throws Exception {
    OrderBlock orders = OrderBlock.take(orderCount);
    List<Delivery> paid = new ArrayList<>();
    List<Delivery> refunds = new ArrayList<>();
    for (int i = 0; i < orderCount; i++) {
      paid.add(ShopifyDeliveries.paid(orders.orderId(i), orders.orderId(i)));
      refunds.add(ShopifyDeliveries.refund(orders.orderId(i), 1));
      refunds.add(ShopifyDeliveries.refund(orders.orderId(i), 2));
    }
    deliveries.sendAll(paid, SATURATION_IN_FLIGHT);
    orders.awaitApplied(jdbc, orderCount);
    long start = System.nanoTime();
    deliveries.sendAll(refunds, SATURATION_IN_FLIGHT);
    orders.awaitApplied(jdbc, orderCount * 3L);
    return new Saturation(orders, Throughput.since(refunds.size(), start));
  }

  /** A saturation run: its orders (for a look at their sagas) and the refunds per second. */
  record Saturation(OrderBlock orders, Throughput refunds) {}
}
