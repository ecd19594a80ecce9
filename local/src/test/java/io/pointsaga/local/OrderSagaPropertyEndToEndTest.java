package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.balance;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.testing.Seeds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC §2's invariant through the whole product: random orders (several lines, an order-level
 * discount spread over them), random partial refunds, delivered as signed Shopify webhooks in
 * random order, with duplicates, from four threads at once. Under AWARDED the points held from the
 * order end at floor(rate x remaining effective spend); a full refund removes exactly what was
 * earned.
 */
class OrderSagaPropertyEndToEndTest {
  private static final AtomicLong ORDER_IDS =
      new AtomicLong(900_000_000_000L + System.currentTimeMillis() % 1_000_000_000L * 100);

  private static final String SECRET = "demo-webhook-secret";
  private static EmbeddedStack stack;
  private static ExecutorService senders;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    senders = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stop() {
    senders.shutdownNow();
  }

  /** Two of the ten seeds this test always ran, then fresh ones every run ({@link Seeds}). */
  static LongStream seeds() {
    return Seeds.of(10, 7919L, 7919L * 2);
  }

  record Delivery(String topic, Map<String, Object> payload, String eventId) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void pointsHeldMatchTheRemainingSpendWhateverTheDeliveryOrder(long seed) throws Exception {
    Seeds.check(seed, () -> pointsHeldMatch(seed));
  }

  private static void pointsHeldMatch(long seed) throws Exception {
    Random random = new Random(seed);
    String customer = String.valueOf(800_000_000L + seed);
    // One order id per case, whatever the seed: the fresh seeds of a run are consecutive, and ids
    // derived from them (seed * 31 + noise) once gave two cases the same order, whose refunds the
    // saga then rightly refused as refunds of lines the order did not have.
    String orderId = String.valueOf(ORDER_IDS.incrementAndGet());
    int lines = 2 + random.nextInt(4);
    List<BigDecimal> prices = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      prices.add(BigDecimal.valueOf(500 + random.nextInt(7_500), 2));
    }
    BigDecimal subtotal = prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal discount =
        subtotal.multiply(BigDecimal.valueOf(random.nextInt(25), 2)).setScale(2, RoundingMode.DOWN);
    List<BigDecimal> allocations = spread(discount, prices);
    List<Map<String, Object>> lineItems = new ArrayList<>();
    List<BigDecimal> effective = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      lineItems.add(
          ShopifyWebhooks.line(
              i + 1, prices.get(i).toPlainString(), allocations.get(i).toPlainString()));
      effective.add(prices.get(i).subtract(allocations.get(i)));
    }
    BigDecimal spend = effective.stream().reduce(BigDecimal.ZERO, BigDecimal::add);

    List<Delivery> deliveries = new ArrayList<>();
    deliveries.add(
        new Delivery(
            "orders/paid",
            ShopifyWebhooks.order(orderId, customer, lineItems, List.of()),
            "paid-" + orderId));
    BigDecimal refunded = BigDecimal.ZERO;
    boolean refundAll = random.nextInt(4) == 0;
    for (int i = 0; i < lines; i++) {
      if (refundAll || random.nextBoolean()) {
        long refundId = seed * 100 + i;
        deliveries.add(
            new Delivery(
                "refunds/create",
                ShopifyWebhooks.refund(refundId, orderId, i + 1, effective.get(i).toPlainString()),
                "refund-" + orderId + "-" + i));
        refunded = refunded.add(effective.get(i));
      }
    }
    List<Delivery> withDuplicates = new ArrayList<>();
    for (Delivery d : deliveries) {
      int copies = 1 + random.nextInt(3);
      for (int c = 0; c < copies; c++) {
        // a redelivery keeps its event id; a second notification of the same business event gets a
        // new one
        String eventId = random.nextBoolean() ? d.eventId() : d.eventId() + "-again-" + c;
        withDuplicates.add(new Delivery(d.topic(), d.payload(), eventId));
      }
    }
    Collections.shuffle(withDuplicates, random);
    // Half the time (when there are refunds) the payment comes late: the copies of one or more
    // refunds go first and are applied before anything else is sent. (Drawn last: the regression
    // seeds keep their orders and refunds.)
    int refunds = deliveries.size() - 1;
    int early = refunds > 0 && random.nextBoolean() ? 1 + random.nextInt(refunds) : 0;
    List<Map<String, Object>> earlyRefunds =
        deliveries.subList(1, 1 + early).stream().map(Delivery::payload).toList();
    List<Delivery> first =
        withDuplicates.stream().filter(d -> earlyRefunds.contains(d.payload())).toList();
    List<Delivery> then =
        withDuplicates.stream().filter(d -> !earlyRefunds.contains(d.payload())).toList();
    String payment = early > 0 ? "paid after %d refunds".formatted(early) : "paid anywhere";

    send(first, seed);
    if (early > 0) {
      awaitEventsApplied(orderId, early);
    }
    send(then, seed);

    long expected =
        spend.subtract(refunded).setScale(0, RoundingMode.FLOOR).longValueExact(); // rate 1
    awaitEventsApplied(orderId, deliveries.size());
    long settled = awaitBalance(customer, b -> b == expected);
    Thread.sleep(500);
    String why =
        "seed %d: spend %s, refunded %s, deliveries %d, %s (at %s)"
            .formatted(seed, spend, refunded, withDuplicates.size(), payment, Instant.now());
    assertThat(settled).as(why).isEqualTo(expected);
    assertThat(balance(customer)).as(why).isEqualTo(expected);
    List<String> kinds =
        stack
            .api("GET", "/customers/" + customer + "/activity?limit=500", null)
            .body()
            .get("entries")
            .findValuesAsText("kind");
    // at most one earn, however often orders/paid came (none when every refund came first)
    assertThat(kinds.stream().filter("EARN"::equals).count()).as(why).isLessThanOrEqualTo(1);
    if (refunded.compareTo(spend) == 0) {
      assertThat(balance(customer))
          .as(why + ": a full refund removes exactly what was earned")
          .isZero();
    }
  }

  /** Sends the deliveries from four threads at once; each must be taken (200). */
  private static void send(List<Delivery> deliveries, long seed) throws Exception {
    List<Future<Response>> sent = new ArrayList<>();
    for (Delivery d : deliveries) {
      sent.add(senders.submit(() -> webhook(d.topic(), d.payload(), SECRET, d.eventId())));
    }
    for (Future<Response> f : sent) {
      assertThat(f.get().status()).as("seed %d", seed).isEqualTo(200);
    }
  }

  /** The sagas run after the responses: wait until every distinct business event was applied. */
  private static void awaitEventsApplied(String orderId, int events) throws InterruptedException {
    JdbcClient jdbc = stack.context.getBean(JdbcClient.class);
    Instant deadline = Instant.now().plusSeconds(60);
    long applied = 0;
    while (Instant.now().isBefore(deadline)) {
      applied =
          jdbc.sql("select count(*) from order_event where order_id = ?")
              .param(orderId)
              .query(Long.class)
              .single();
      if (applied >= events) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "only %d of %d events of order %s applied in 60 s".formatted(applied, events, orderId));
  }

  /** An order-level discount spread in proportion to price, the cent left over on the last line. */
  private static List<BigDecimal> spread(BigDecimal discount, List<BigDecimal> prices) {
    BigDecimal subtotal = prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    List<BigDecimal> parts = new ArrayList<>();
    BigDecimal given = BigDecimal.ZERO;
    for (int i = 0; i < prices.size() - 1; i++) {
      BigDecimal part = discount.multiply(prices.get(i)).divide(subtotal, 2, RoundingMode.HALF_UP);
      parts.add(part);
      given = given.add(part);
    }
    parts.add(discount.subtract(given));
    return parts;
  }
}
