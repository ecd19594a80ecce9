package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A burst of signed Shopify webhooks for the embedded mode's demo shop (1 point per dollar, AWARDED
 * clawbacks): paid orders of two lines, half of them partly refunded, a quarter fully. Sent eight
 * at a time, like a platform; what was not answered 200 is sent again later, as the platform
 * retries. The expected balances are computed here from the orders alone, independently of the
 * product.
 */
public final class WebhookBurst {
  public static final String SHOP = "demo-shop.myshopify.com";
  static final String SECRET = "demo-webhook-secret";
  static final String ADMIN_TOKEN = "demo-admin-token";
  static final String OPERATOR_TOKEN = "demo-operator-token";

  /** One webhook delivery; the event id is unique per delivery here. */
  record Delivery(String topic, String eventId, byte[] body) {}

  /** An order and the points it must leave with its customer once every event is applied. */
  record ExpectedOrder(String orderId, String customerId, long pointsKept, int refunds) {}

  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<ExpectedOrder> orders = new ArrayList<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final long seed;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private WebhookBurst(long seed) {
    this.seed = seed;
  }

  /** {@code count} orders of 8 customers, deliveries in a seeded random order. */
  public static WebhookBurst of(int count, long seed) throws IOException {
    WebhookBurst burst = new WebhookBurst(seed);
    Random random = new Random(seed);
    long base = 880_000 + random.nextInt(100_000) * 100L;
    for (int i = 0; i < count; i++) {
      long orderId = base + i;
      String customer = Long.toString(7001 + i % 8);
      BigDecimal lineA = new BigDecimal((10 + random.nextInt(40)) + ".50");
      BigDecimal lineB = new BigDecimal((5 + random.nextInt(20)) + ".25");
      long lineAId = orderId * 10 + 1;
      long lineBId = orderId * 10 + 2;
      burst.add(
          "orders/paid",
          "paid-" + orderId,
          order(orderId, customer, List.of(line(lineAId, lineA), line(lineBId, lineB))));
      BigDecimal remaining = lineA.add(lineB);
      int refunds = 0;
      if (i % 2 == 0) {
        burst.add(
            "refunds/create",
            "refund-b-" + orderId,
            refund(orderId * 10 + 5, orderId, lineBId, lineB));
        remaining = remaining.subtract(lineB);
        refunds++;
      }
      if (i % 4 == 0) {
        burst.add(
            "refunds/create",
            "refund-a-" + orderId,
            refund(orderId * 10 + 6, orderId, lineAId, lineA));
        remaining = remaining.subtract(lineA);
        refunds++;
      }
      long kept = remaining.setScale(0, RoundingMode.FLOOR).longValueExact();
      burst.orders.add(new ExpectedOrder(Long.toString(orderId), customer, kept, refunds));
    }
    Collections.shuffle(burst.deliveries, random);
    return burst;
  }

  public int deliveries() {
    return burst().size();
  }

  private List<Delivery> burst() {
    return deliveries;
  }

  public int acknowledged() {
    return acknowledged.size();
  }

  /**
   * Sends every delivery, eight at a time; once {@code killAfter} were acknowledged, runs {@code
   * kill} (once) and goes on sending into the dead port, as a platform would. Returns when all were
   * tried.
   */
  public void send(String baseUrl, int killAfter, ThrowingRunnable kill) throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    List<Throwable> killFailures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      for (Delivery delivery : deliveries) {
        senders.execute(
            () -> {
              if (deliverOnce(baseUrl, delivery)
                  && acknowledged.size() >= killAfter
                  && killed.compareAndSet(false, true)) {
                try {
                  kill.run();
                } catch (Throwable t) {
                  killFailures.add(t);
                }
              }
            });
      }
    } finally {
      senders.shutdown();
      assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).as("burst sent").isTrue();
    }
    assertThat(killFailures).as("the kill").isEmpty();
    assertThat(killed).as("killed after %d acknowledgements", killAfter).isTrue();
  }

  /**
   * The platform's retries: every delivery not acknowledged yet, and {@code redeliveries} that were
   * (Shopify delivers at least once); each must now be answered 200.
   */
  public int resend(String baseUrl, int redeliveries) throws Exception {
    List<Delivery> again = new ArrayList<>();
    List<Delivery> duplicates = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      (acknowledged.contains(delivery.eventId()) ? duplicates : again).add(delivery);
    }
    Collections.shuffle(duplicates, new Random(seed + 1));
    again.addAll(duplicates.subList(0, Math.min(redeliveries, duplicates.size())));
    for (Delivery delivery : again) {
      assertThat(deliverOnce(baseUrl, delivery))
          .as("%s %s answered 200 after the restart", delivery.topic(), delivery.eventId())
          .isTrue();
    }
    return again.size();
  }

  /** Expected balance per customer: the sum of what their orders keep. */
  public Map<String, Long> expectedBalances() {
    return orders.stream()
        .collect(
            Collectors.groupingBy(
                ExpectedOrder::customerId,
                TreeMap::new,
                Collectors.summingLong(ExpectedOrder::pointsKept)));
  }

  /**
   * Waits until every balance is the expected one, then checks each order's entries (they add up to
   * what the order keeps: no event counted twice or missed; at most one earn, at most one clawback
   * per refund) and the ledger audit.
   */
  public void assertEveryEventAppliedOnce(String baseUrl, Duration limit) throws Exception {
    Map<String, Long> expected = expectedBalances();
    Map<String, Long> actual = new TreeMap<>();
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      actual.clear();
      for (String customer : expected.keySet()) {
        JsonNode account =
            get(baseUrl, "/api/v1/shops/" + SHOP + "/customers/" + customer, ADMIN_TOKEN);
        actual.put(customer, account == null ? null : account.path("pointsBalance").asLong());
      }
      if (actual.equals(expected)) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(actual).as("balances (seed %d)", seed).isEqualTo(expected);
    for (String customer : expected.keySet()) {
      JsonNode entries =
          get(
                  baseUrl,
                  "/api/v1/shops/" + SHOP + "/customers/" + customer + "/activity?limit=500",
                  ADMIN_TOKEN)
              .get("entries");
      for (ExpectedOrder order : orders) {
        if (!order.customerId().equals(customer)) {
          continue;
        }
        long sum = 0;
        int earns = 0;
        int clawbacks = 0;
        for (JsonNode entry : entries) {
          if (order.orderId().equals(entry.path("orderId").asText())
              && entry.hasNonNull("points")) {
            sum += entry.get("points").asLong();
            earns += "EARN".equals(entry.get("kind").asText()) ? 1 : 0;
            clawbacks += "REFUND_CLAWBACK".equals(entry.get("kind").asText()) ? 1 : 0;
          }
        }
        assertThat(sum)
            .as("points left by order %s (seed %d)", order.orderId(), seed)
            .isEqualTo(order.pointsKept());
        assertThat(earns).as("earn entries of order %s", order.orderId()).isLessThanOrEqualTo(1);
        assertThat(clawbacks)
            .as("clawbacks of order %s", order.orderId())
            .isLessThanOrEqualTo(order.refunds());
      }
    }
    JsonNode audit = get(baseUrl, "/api/v1/ledger/audit", OPERATOR_TOKEN);
    assertThat(audit.get("mismatchesFound").asLong()).as("ledger audit %s", audit).isZero();
    assertThat(audit.get("customersChecked").asLong()).isGreaterThanOrEqualTo(expected.size());
  }

  /** Whether the delivery was answered 200 accepted or duplicate; I/O errors are a false. */
  private boolean deliverOnce(String baseUrl, Delivery delivery) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/shopify"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", delivery.topic())
            .header("X-Shopify-Hmac-Sha256", ShopifyWebhookSignature.sign(SECRET, delivery.body()))
            .header("X-Shopify-Shop-Domain", SHOP)
            .header("X-Shopify-Event-Id", delivery.eventId())
            .header("X-Shopify-Webhook-Id", delivery.eventId())
            .header("X-Shopify-Triggered-At", Instant.now().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return false;
      }
      String status = json.readTree(response.body()).path("status").asText();
      assertThat(status).as("answer to %s", delivery.eventId()).isIn("accepted", "duplicate");
      acknowledged.add(delivery.eventId());
      return true;
    } catch (IOException down) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonNode get(String baseUrl, String path, String token) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return null;
    }
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private void add(String topic, String eventId, Object payload) throws IOException {
    deliveries.add(new Delivery(topic, eventId, json.writeValueAsBytes(payload)));
  }

  private static Map<String, Object> line(long id, BigDecimal price) {
    return Map.of(
        "id", id, "price", price.toPlainString(), "quantity", 1, "discount_allocations", List.of());
  }

  private static Map<String, Object> order(
      long orderId, String customer, List<Map<String, Object>> lines) {
    return Map.of(
        "id",
        orderId,
        "customer",
        Map.of("id", Long.parseLong(customer)),
        "currency",
        "USD",
        "financial_status",
        "paid",
        "line_items",
        lines,
        "discount_codes",
        List.of(),
        "refunds",
        List.of(),
        "updated_at",
        "2026-11-30T08:00:00Z");
  }

  private static Map<String, Object> refund(
      long refundId, long orderId, long lineId, BigDecimal subtotal) {
    return Map.of(
        "id",
        refundId,
        "order_id",
        orderId,
        "refund_line_items",
        List.of(
            Map.of("line_item_id", lineId, "quantity", 1, "subtotal", subtotal.toPlainString())),
        "transactions",
        List.of(
            Map.of(
                "kind",
                "refund",
                "gateway",
                "manual",
                "amount",
                subtotal.toPlainString(),
                "status",
                "success")));
  }

  /** A step that may throw, e.g. a kill that waits for the process. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
