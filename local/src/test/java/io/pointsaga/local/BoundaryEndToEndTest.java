package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.balance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.raw;
import static io.pointsaga.local.ShopifyWebhooks.refund;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.failure.ActivityFailureClassification;
import io.pointsaga.failure.ActivityFailureInterceptor;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 and §11 over HTTP on the embedded stack: signed but invalid Shopify deliveries are
 * answered 200 rejected, change no points and are listed in the attention queue; a refund of a line
 * the order does not have claws nothing back, is listed, and does not block the order's next
 * refund.
 */
class BoundaryEndToEndTest {
  private static final String SECRET = "demo-webhook-secret";
  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  @Test
  void signedButInvalidDeliveriesAreRejectedKeptForAPersonAndChangeNoPoints() throws Exception {
    String customer = newId(1_000_000_000L);
    String paidOrder = newId(1_000_000_000_000L);
    assertThat(
            webhook(
                    "orders/paid",
                    paid(paidOrder, customer, "10.00", null),
                    SECRET,
                    "ok-" + paidOrder)
                .status())
        .isEqualTo(200);
    assertThat(awaitBalance(customer, b -> b == 10)).isEqualTo(10);

    Map<String, Response> answers = new HashMap<>();
    answers.put(
        "negative subtotal",
        webhook(
            "refunds/create",
            refund(Long.parseLong(newId(1_000_000_000L)), paidOrder, 1, "-50.00"),
            SECRET,
            "neg-" + paidOrder));
    List<String> orders = new ArrayList<>();
    for (String[] bad :
        new String[][] {
          {"negative discount allocation", "10.00", "-500.00", "USD", "X"},
          {"13 integer digits", "1000000000000.00", null, "USD", "X"},
          {"14 integer digits", "10000000000000.00", null, "USD", "X"},
          {"1e30", "1e30", null, "USD", "X"},
          {"3 decimals in USD", "10.001", null, "USD", "X"},
          {"usd dollars", "10.00", null, "usd dollars", "X"},
          {"JPY order in a USD shop", "1000", null, "JPY", "X"},
          {"NUL in a discount code", "10.00", null, "USD", "PTS\u0000X"}
        }) {
      String orderId = newId(1_000_000_000_000L);
      orders.add(orderId);
      Map<String, Object> payload = paid(orderId, customer, bad[1], bad[2]);
      payload.put("currency", bad[3]);
      payload.put("discount_codes", List.of(Map.of("code", bad[4], "amount", "1.00")));
      answers.put(bad[0], webhook("orders/paid", payload, SECRET, "bad-" + orderId));
    }
    String absurdOrder = newId(1_000_000_000_000L);
    orders.add(absurdOrder);
    String absurd =
        stack
            .json
            .writeValueAsString(paid(absurdOrder, customer, "10.00", null))
            .replace("\"price\":\"10.00\"", "\"price\":1e999999999");
    Instant sent = Instant.now();
    Response absurdAnswer = signedRaw("orders/paid", absurd, "absurd-" + absurdOrder);
    assertThat(Duration.between(sent, Instant.now()))
        .as("1e999999999 answered at once")
        .isLessThan(Duration.ofSeconds(2));
    answers.put("1e999999999", absurdAnswer);

    answers.forEach(
        (name, answer) -> {
          assertThat(answer.status()).as(name).isEqualTo(200);
          assertThat(answer.body().get("status").asText()).as(name).isEqualTo("rejected");
          assertThat(answer.body().get("reason").asText())
              .as(name)
              .startsWith("Shopify ")
              .doesNotContain("999999999", "e30", "-500", "\u0000");
        });
    Response redelivered =
        webhook(
            "refunds/create",
            refund(1, paidOrder, 1, "-50.00"),
            SECRET,
            "neg-" + paidOrder); // the same delivery again
    assertThat(redelivered.body().get("status").asText()).isEqualTo("rejected");

    // Rejected deliveries are recorded as REJECTED before the answer and never dispatched: with
    // no PENDING or DISPATCHED row for them, no saga can ever apply them.
    for (String orderId : orders) {
      assertThat(StoredRows.inbox(orderId))
          .as("inbox rows of order " + orderId)
          .extracting(StoredRows.InboxRow::status)
          .containsExactly("REJECTED");
      assertThat(StoredRows.appliedEvents(orderId)).as("order " + orderId).isEmpty();
    }
    assertThat(StoredRows.inboxByDelivery("neg-" + paidOrder))
        .extracting(StoredRows.InboxRow::status)
        .containsExactly("REJECTED");
    assertThat(StoredRows.appliedEvents(paidOrder)).containsExactly("paid");
    assertThat(balance(customer)).as("no points changed").isEqualTo(10);
    assertThat(sumOfEntries(customer)).isEqualTo(balance(customer));
    List<JsonNode> items = attention();
    for (String orderId : orders) {
      assertThat(items)
          .as("attention item for order " + orderId)
          .filteredOn(item -> item.get("subject").asText().contains("order " + orderId))
          .singleElement()
          .satisfies(
              item -> {
                assertThat(item.get("kind").asText()).isEqualTo("WEBHOOK_REJECTED");
                assertThat(item.get("problem").asText()).contains("not valid");
                assertThat(item.get("since").asText()).isNotBlank();
                assertThat(item.get("id").asLong()).isPositive();
              });
    }
    assertThat(items)
        .filteredOn(item -> item.get("subject").asText().endsWith("of order " + paidOrder))
        .as("the negative refund, once though delivered twice")
        .hasSize(1);
  }

  @Test
  void aRefundOfALineTheOrderDoesNotHaveClawsNothingBackAndTheNextRefundStillApplies() {
    String customer = newId(1_000_000_000L);
    String orderId = newId(1_000_000_000_000L);
    Map<String, Object> paid =
        order(
            orderId, customer, List.of(line(1, "30.00", null), line(2, "20.00", null)), List.of());
    assertThat(webhook("orders/paid", paid, SECRET, "p-" + orderId).status()).isEqualTo(200);
    assertThat(awaitBalance(customer, b -> b == 50)).isEqualTo(50);

    long ghostRefund = Long.parseLong(newId(1_000_000_000L));
    Response ghost =
        webhook(
            "refunds/create", refund(ghostRefund, orderId, 99, "20.00"), SECRET, "g-" + orderId);
    assertThat(ghost.body().get("status").asText()).isEqualTo("accepted");
    JsonNode item =
        awaitAttention(
            i ->
                i.get("subject")
                    .asText()
                    .equals("refund %d of order %s".formatted(ghostRefund, orderId)));
    assertThat(item.get("kind").asText()).isEqualTo("ORDER_EVENT_FAILED");
    assertThat(item.get("problem").asText()).contains("line item 99", "does not have");
    assertThat(item.get("workflowId").asText()).contains(orderId);
    assertThat(balance(customer)).as("no clawback").isEqualTo(50);

    Response over =
        webhook(
            "refunds/create",
            refund(Long.parseLong(newId(1_000_000_000L)), orderId, 2, "20.01"),
            SECRET,
            "o-" + orderId);
    assertThat(over.body().get("status").asText()).isEqualTo("accepted");
    Response real =
        webhook(
            "refunds/create",
            refund(Long.parseLong(newId(1_000_000_000L)), orderId, 2, "20.00"),
            SECRET,
            "r-" + orderId);
    assertThat(real.body().get("status").asText()).isEqualTo("accepted");
    assertThat(awaitBalance(customer, b -> b == 30)).isEqualTo(30);
    awaitAttention(
        i ->
            i.get("subject").asText().endsWith("of order " + orderId)
                && i.get("problem").asText().contains("more than was paid"));
    assertThat(sumOfEntries(customer)).isEqualTo(30);
  }

  @Test
  void theEmbeddedWorkerClassifiesActivityFailures() throws Exception {
    assertThat(stack.context.getBeansOfType(ActivityFailureClassification.class)).hasSize(1);
    WorkerFactory factory = stack.context.getBean(WorkerFactory.class);
    Field options = WorkerFactory.class.getDeclaredField("factoryOptions");
    options.setAccessible(true);
    assertThat(Arrays.asList(((WorkerFactoryOptions) options.get(factory)).getWorkerInterceptors()))
        .hasAtLeastOneElementOfType(ActivityFailureInterceptor.class);
  }

  // ---- helpers ----

  private static Map<String, Object> paid(
      String orderId, String customer, String price, String discount) {
    return new HashMap<>(order(orderId, customer, List.of(line(1, price, discount)), List.of()));
  }

  private static Response signedRaw(String topic, String body, String eventId) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return raw(topic, bytes, ShopifyWebhookSignature.sign(SECRET, bytes), eventId);
  }

  private static List<JsonNode> attention() {
    Response r = stack.api("GET", "/attention", null);
    assertThat(r.status()).isEqualTo(200);
    return StreamSupport.stream(r.body().get("items").spliterator(), false).toList();
  }

  private static JsonNode awaitAttention(Predicate<JsonNode> wanted) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode item : attention()) {
        if (wanted.test(item)) {
          return item;
        }
      }
      sleep(100);
    }
    throw new AssertionError("no such attention item in " + attention());
  }

  private static long sumOfEntries(String customer) {
    JsonNode entries =
        stack.api("GET", "/customers/" + customer + "/activity", null).body().get("entries");
    long sum = 0;
    for (JsonNode entry : entries) {
      if (entry.hasNonNull("points")) {
        sum += entry.get("points").asLong();
      }
    }
    return sum;
  }

  private static String newId(long bound) {
    return String.valueOf(1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % bound));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
