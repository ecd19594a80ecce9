package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * SPEC §10's proof, for the embedded mode and the end-to-end stage alike: random orders with
 * partial and full refunds and cancellations on a simulated Shopify shop whose webhooks are
 * dropped, duplicated and delayed; then one reconciliation; then every customer's balance must
 * equal what the orders earn, computed here independently (SPEC §3, rate 1 point per unit, AWARDED:
 * floor of the spend not refunded; shipping never counts).
 */
public final class LossyOrders {

  /** How the test reaches the product and the simulated platform. */
  public interface Http {
    Answer call(String method, String url, Object body, String token);
  }

  public record Answer(int status, JsonNode body) {}

  /**
   * @param apiBase {@code http://host:port} of the admin API
   * @param sandboxShop {@code http://host:port/sandbox/shops/{domain}} of the simulated shop
   */
  public record Shop(String domain, String adminToken, String apiBase, String sandboxShop) {}

  /** What one run measured. */
  public record Outcome(
      long seed,
      int orders,
      int events,
      int ordersChecked,
      int eventsRecovered,
      Duration reconciliation,
      Duration untilBalancesMatch) {
    @Override
    public String toString() {
      return ("seed %d: %d orders, %d events; reconciliation checked %d orders and recovered %d"
              + " events in %d ms (POST to COMPLETED); every balance matched %d ms after the POST")
          .formatted(
              seed,
              orders,
              events,
              ordersChecked,
              eventsRecovered,
              reconciliation.toMillis(),
              untilBalancesMatch.toMillis());
    }
  }

  public static final int ORDERS = 100;
  private static final int CUSTOMERS = 20;

  private final Http http;
  private final Shop shop;

  public LossyOrders(Http http, Shop shop) {
    this.http = http;
    this.shop = shop;
  }

  public Outcome run(long seed, double dropRate, double duplicateRate, long maxDelayMs)
      throws InterruptedException {
    System.out.printf(
        "LossyOrders seed %d (drop %.2f, duplicate %.2f, delay up to %d ms) on %s%n",
        seed, dropRate, duplicateRate, maxDelayMs, shop.domain());
    ok(
        http.call(
            "PUT",
            shop.sandboxShop() + "/webhook-delivery",
            Map.of(
                "dropRate",
                dropRate,
                "duplicateRate",
                duplicateRate,
                "maxDelayMs",
                maxDelayMs,
                "seed",
                seed),
            null));
    Random random = new Random(seed);
    Map<String, Long> expected = new LinkedHashMap<>();
    for (int c = 0; c < CUSTOMERS; c++) {
      expected.put(String.valueOf(7_000_000 + c), 0L);
    }
    List<String> customers = new ArrayList<>(expected.keySet());
    int events = 0;
    for (int o = 0; o < ORDERS; o++) {
      String customer = customers.get(random.nextInt(CUSTOMERS));
      PlacedOrder order = placeOrder(random, customer);
      events += 1 + order.act(random);
      expected.merge(customer, order.pointsKept(), Long::sum);
    }
    Thread.sleep(maxDelayMs + 500); // the late deliveries land (or not) before the run

    Instant asked = Instant.now();
    JsonNode run = reconcile();
    Duration reconciliation = Duration.between(asked, Instant.now());
    awaitBalances(expected, seed);
    Duration untilBalancesMatch = Duration.between(asked, Instant.now());
    Outcome outcome =
        new Outcome(
            seed,
            ORDERS,
            events,
            run.get("ordersChecked").asInt(),
            run.get("eventsRecovered").asInt(),
            reconciliation,
            untilBalancesMatch);
    System.out.println("LossyOrders " + outcome);
    return outcome;
  }

  /** An order placed on the simulated shop, with what this test expects of it. */
  private final class PlacedOrder {
    final String orderId;
    final List<String> lineIds = new ArrayList<>();
    final List<BigDecimal> prices = new ArrayList<>();
    final List<Integer> unitsLeft = new ArrayList<>();
    final boolean shipping;
    BigDecimal spend = BigDecimal.ZERO;
    BigDecimal refunded = BigDecimal.ZERO;

    PlacedOrder(JsonNode created, boolean shipping) {
      this.orderId = created.get("orderId").asText();
      this.shipping = shipping;
      for (JsonNode line : created.get("lineItems")) {
        lineIds.add(line.get("id").asText());
        BigDecimal price = new BigDecimal(line.get("price").asText());
        int quantity = line.get("quantity").asInt();
        prices.add(price);
        unitsLeft.add(quantity);
        spend = spend.add(price.multiply(BigDecimal.valueOf(quantity)));
      }
    }

    /** Refunds or cancels at random; answers how many order events (webhooks) that made. */
    int act(Random random) {
      int roll = random.nextInt(100);
      if (roll < 35) {
        return 0;
      }
      if (roll < 65) { // one or two partial refunds of some units of one line
        int refunds = 1 + random.nextInt(2);
        int made = 0;
        for (int r = 0; r < refunds; r++) {
          int line = random.nextInt(lineIds.size());
          if (unitsLeft.get(line) > 0) {
            refund(List.of(line), 1 + random.nextInt(unitsLeft.get(line)), false);
            made++;
          }
        }
        return made;
      }
      if (roll < 88) { // everything back, shipping too
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < lineIds.size(); i++) {
          all.add(i);
        }
        refund(all, Integer.MAX_VALUE, shipping);
        return 1;
      }
      ok(http.call("POST", shop.sandboxShop() + "/orders/" + orderId + "/cancel", Map.of(), null));
      refunded = spend; // the cancellation refunds what is left
      return 2; // refunds/create and orders/cancelled
    }

    private void refund(List<Integer> lines, int units, boolean withShipping) {
      List<Map<String, Object>> body = new ArrayList<>();
      for (int line : lines) {
        int count = Math.min(units, unitsLeft.get(line));
        body.add(Map.of("lineItemId", lineIds.get(line), "quantity", count));
        unitsLeft.set(line, unitsLeft.get(line) - count);
        refunded = refunded.add(prices.get(line).multiply(BigDecimal.valueOf(count)));
      }
      ok(
          http.call(
              "POST",
              shop.sandboxShop() + "/orders/" + orderId + "/refunds",
              Map.of("lines", body, "shipping", withShipping),
              null));
    }

    /** SPEC §3 at 1 point per unit, AWARDED: floor(spend not refunded). */
    long pointsKept() {
      return spend.subtract(refunded).setScale(0, RoundingMode.FLOOR).longValueExact();
    }
  }

  private PlacedOrder placeOrder(Random random, String customer) {
    int lineCount = 1 + random.nextInt(4);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = 0; i < lineCount; i++) {
      lines.add(
          Map.of(
              "price",
              BigDecimal.valueOf(500 + random.nextInt(7_500), 2).toPlainString(),
              "quantity",
              1 + random.nextInt(3)));
    }
    boolean shipping = random.nextBoolean();
    Map<String, Object> body = new HashMap<>();
    body.put("customerId", customer);
    body.put("lines", lines);
    if (shipping) {
      body.put("shipping", "4.99");
    }
    return new PlacedOrder(
        ok(http.call("POST", shop.sandboxShop() + "/orders", body, null), 201), shipping);
  }

  /** Asks for a reconciliation and answers the run once COMPLETED (fails when it FAILED). */
  public JsonNode reconcile() throws InterruptedException {
    String reconciliationId =
        ok(http.call("POST", api("/reconciliations"), null, shop.adminToken()), 202)
            .get("reconciliationId")
            .asText();
    return awaitCompleted(reconciliationId);
  }

  private JsonNode awaitCompleted(String reconciliationId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      JsonNode runs = ok(http.call("GET", api("/reconciliations"), null, shop.adminToken()));
      for (JsonNode run : runs.get("runs")) {
        if (run.get("reconciliationId").asText().equals(reconciliationId)) {
          last = run;
          assertThat(run.get("status").asText()).as("run %s", run).isNotEqualTo("FAILED");
          if (run.get("status").asText().equals("COMPLETED")) {
            return run;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("reconciliation " + reconciliationId + " not COMPLETED: " + last);
  }

  private void awaitBalances(Map<String, Long> expected, long seed) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Map<String, Long> actual = balances(expected);
    while (!actual.equals(expected) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      actual = balances(expected);
    }
    assertThat(actual).as("balances after reconciliation (seed %d)", seed).isEqualTo(expected);
  }

  private Map<String, Long> balances(Map<String, Long> customers) {
    Map<String, Long> balances = new LinkedHashMap<>();
    for (String customer : customers.keySet()) {
      Answer answer = http.call("GET", api("/customers/" + customer), null, shop.adminToken());
      if (answer.status() == 404) {
        balances.put(customer, 0L); // no order of theirs reached the ledger yet, or none was made
      } else {
        balances.put(customer, ok(answer).get("pointsBalance").asLong());
      }
    }
    return balances;
  }

  private String api(String path) {
    return shop.apiBase() + "/api/v1/shops/" + shop.domain() + path;
  }

  private static JsonNode ok(Answer answer) {
    assertThat(answer.status())
        .as("HTTP %s: %s", answer.status(), answer.body())
        .isBetween(200, 299);
    return answer.body();
  }

  private static JsonNode ok(Answer answer, int status) {
    assertThat(answer.status()).as("HTTP %s: %s", answer.status(), answer.body()).isEqualTo(status);
    return answer.body();
  }
}
