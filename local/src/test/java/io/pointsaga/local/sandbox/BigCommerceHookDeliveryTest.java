package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.BigCommerceStoreClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A simulated BigCommerce store delivers its order events to the active hooks of their scope, ids
 * only and with the headers set at subscription, through the same delivery policy as Shopify's
 * webhooks: a duplicate carries the same {@code hash}, a dropped delivery is recorded, not sent.
 */
@SandboxWebTest
class BigCommerceHookDeliveryTest {

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  private final ObjectMapper json = new ObjectMapper();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private BigCommerceStoreClient store;

  private record Received(JsonNode body, String secret, String shop) {}

  @BeforeEach
  void storeWithHooksToAReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/webhooks/bigcommerce",
        exchange -> {
          received.add(
              new Received(
                  json.readTree(exchange.getRequestBody()),
                  exchange.getRequestHeaders().getFirst("X-PointSaga-Webhook-Secret"),
                  exchange.getRequestHeaders().getFirst("X-PointSaga-Shop")));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    store = BigCommerceStoreClient.forNewStore(port, platform);
    String destination =
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/bigcommerce";
    for (String scope : List.of("store/order/statusUpdated", "store/order/refund/created")) {
      assertThat(
              store
                  .api(
                      "POST",
                      "/v3/hooks",
                      Map.of(
                          "scope",
                          scope,
                          "destination",
                          destination,
                          "is_active",
                          true,
                          "headers",
                          Map.of(
                              "X-PointSaga-Webhook-Secret",
                              "the-secret",
                              "X-PointSaga-Shop",
                              store.domain)))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void statusChangesAndRefundsAreDeliveredIdsOnlyWithTheHooksHeaders() throws Exception {
    JsonNode order =
        json(
            store.control(
                "POST",
                "/orders",
                Map.of("customerId", 9, "statusId", 1, "lines", List.of(line("10.00", 2)))));
    long orderId = order.path("orderId").asLong();
    store.control("POST", "/orders/" + orderId + "/status", Map.of("statusId", 11));
    store.control(
        "POST",
        "/orders/" + orderId + "/refunds",
        Map.of(
            "lines",
            List.of(
                Map.of(
                    "lineItemId",
                    order.path("lineItems").get(0).path("id").asText(),
                    "quantity",
                    1))));

    List<Received> all = await(4);

    assertThat(all)
        .allSatisfy(
            r -> {
              assertThat(r.secret()).isEqualTo("the-secret");
              assertThat(r.shop()).isEqualTo(store.domain);
              assertThat(r.body().path("producer").asText())
                  .isEqualTo("stores/" + store.domain.substring(6, 14));
              assertThat(r.body().path("hash").asText()).matches("[0-9a-f]{40}");
              assertThat(r.body().path("data").path("id").asLong()).isEqualTo(orderId);
            });
    List<JsonNode> statuses =
        all.stream()
            .map(Received::body)
            .filter(b -> b.path("scope").asText().equals("store/order/statusUpdated"))
            .map(b -> b.path("data").path("status"))
            .toList();
    assertThat(statuses)
        .extracting(
            s -> s.path("previous_status_id").asInt() + "->" + s.path("new_status_id").asInt())
        .containsExactlyInAnyOrder("0->1", "1->11", "11->14");
    JsonNode refund =
        all.stream()
            .map(Received::body)
            .filter(b -> b.path("scope").asText().equals("store/order/refund/created"))
            .findFirst()
            .orElseThrow();
    assertThat(refund.path("data").path("refund").path("refund_id").asLong()).isPositive();
  }

  @Test
  void aDuplicateKeepsItsHashAndADroppedDeliveryIsRecordedOnly() throws Exception {
    store.control("PUT", "/webhook-delivery", Map.of("duplicateRate", 1.0, "seed", 7));
    store.control("POST", "/orders", Map.of("customerId", 9, "lines", List.of(line("10.00", 1))));
    List<Received> twice = await(2);
    assertThat(twice.get(0).body().path("hash").asText())
        .isEqualTo(twice.get(1).body().path("hash").asText());

    store.control("PUT", "/webhook-delivery", Map.of("dropRate", 1.0, "seed", 7));
    String dropped =
        json(store.control(
                "POST", "/orders", Map.of("customerId", 9, "lines", List.of(line("10.00", 1)))))
            .path("orderId")
            .asText();
    JsonNode records = json(store.control("GET", "/webhook-deliveries", null));
    Thread.sleep(300);
    assertThat(received).hasSize(2);
    List<JsonNode> ofDropped = new java.util.ArrayList<>();
    records.forEach(
        r -> {
          if (r.path("orderId").asText().equals(dropped)) ofDropped.add(r);
        });
    assertThat(ofDropped).hasSize(1);
    assertThat(ofDropped.get(0).path("outcome").asText()).isEqualTo("DROPPED");
    assertThat(ofDropped.get(0).path("topic").asText()).isEqualTo("store/order/statusUpdated");
  }

  @Test
  void aHookTheStoreDeactivatedGetsNothing() throws Exception {
    for (String scope : List.of("store.order.statusUpdated", "store.order.refund.created")) {
      assertThat(store.control("DELETE", "/webhook-subscriptions/" + scope, null).statusCode())
          .isEqualTo(204);
    }
    json(store.control("GET", "/webhook-subscriptions", null))
        .forEach(h -> assertThat(h.path("isActive").asBoolean()).isFalse());

    store.control("POST", "/orders", Map.of("customerId", 9, "lines", List.of(line("10.00", 1))));

    Thread.sleep(300);
    assertThat(received).isEmpty();
  }

  private List<Received> await(int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (received.size() < count) {
      assertThat(Instant.now()).as("received %s", received).isBefore(deadline);
      Thread.sleep(20);
    }
    Thread.sleep(100);
    assertThat(received).hasSize(count);
    return List.copyOf(received);
  }

  private static Map<String, Object> line(String price, int quantity) {
    return Map.of("price", price, "quantity", quantity);
  }
}
