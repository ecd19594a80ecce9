package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.BigCommerceStoreClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The simulated BigCommerce store's API in BigCommerce's shapes, at the paths the product's
 * adapters call: credentials, hooks with pagination meta, coupons, orders with their products,
 * coupons and refunds (amounts as BigCommerce computes them), the paged listing by modification
 * date, and injected faults.
 */
@SandboxWebTest
class BigCommerceStoreApiTest {

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  BigCommerceStoreClient store;

  @BeforeEach
  void newStore() {
    store = BigCommerceStoreClient.forNewStore(port, platform);
  }

  @Test
  void aWrongOrMissingTokenIs401AndAShopifyShopHasNoBigCommerceApi() {
    HttpResponse<String> wrong = store.api("GET", "/v2/store", null, "not-the-token");
    HttpResponse<String> missing = store.api("GET", "/v2/orders", null, null);
    platform.registerShop("shopify-" + store.domain, "shpat_x");
    HttpResponse<String> shopify =
        store.raw("GET", "/sandbox/shops/shopify-" + store.domain + "/v2/store", null);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).path("title").asText()).startsWith("Unauthorized");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(shopify.statusCode()).isEqualTo(404);
    HttpResponse<String> ok = store.api("GET", "/v2/store", null);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).path("currency").asText()).isEqualTo("USD");
    assertThat(json(ok).path("id").asText()).isEqualTo(store.domain.split("[-.]")[1]);
  }

  @Test
  void hooksArePagedWithBigCommercesMetaAndADuplicateIsRefused() {
    for (String scope :
        List.of(
            "store/order/statusUpdated", "store/order/refund/created", "store/app/uninstalled")) {
      HttpResponse<String> created = store.api("POST", "/v3/hooks", hook(scope));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
      assertThat(json(created).path("data").path("is_active").asBoolean()).isTrue();
    }
    HttpResponse<String> again = store.api("POST", "/v3/hooks", hook("store/app/uninstalled"));
    HttpResponse<String> badScope = store.api("POST", "/v3/hooks", hook("store/nothing"));

    JsonNode first = json(store.api("GET", "/v3/hooks?limit=2", null));
    JsonNode second = json(store.api("GET", "/v3/hooks?limit=2&page=2", null));

    assertThat(again.statusCode()).isEqualTo(422);
    assertThat(badScope.statusCode()).isEqualTo(422);
    assertThat(json(badScope).path("errors").has("scope")).isTrue();
    assertThat(first.path("data")).hasSize(2);
    JsonNode pagination = first.path("meta").path("pagination");
    assertThat(pagination.path("total").asInt()).isEqualTo(3);
    assertThat(pagination.path("count").asInt()).isEqualTo(2);
    assertThat(pagination.path("per_page").asInt()).isEqualTo(2);
    assertThat(pagination.path("current_page").asInt()).isEqualTo(1);
    assertThat(pagination.path("total_pages").asInt()).isEqualTo(2);
    assertThat(pagination.path("links").path("next").asText()).isEqualTo("?page=2&limit=2");
    assertThat(second.path("data")).hasSize(1);
    assertThat(second.path("meta").path("pagination").path("links").has("next")).isFalse();
    assertThat(second.path("data").get(0).path("headers").path("X-Secret").asText())
        .isEqualTo("s3cret");

    long id = second.path("data").get(0).path("id").asLong();
    HttpResponse<String> deactivated =
        store.api("PUT", "/v3/hooks/" + id, Map.of("is_active", false));
    assertThat(json(deactivated).path("data").path("is_active").asBoolean()).isFalse();
    assertThat(json(deactivated).path("data").path("scope").asText())
        .isEqualTo("store/app/uninstalled");
    assertThat(store.api("PUT", "/v3/hooks/999999999", Map.of("is_active", true)).statusCode())
        .isEqualTo(404);
  }

  @Test
  void couponsAreCreatedFoundDisabledAndDeletedAsTheV2ApiDoes() {
    HttpResponse<String> created = store.api("POST", "/v2/coupons", coupon("PTS-ABC"));
    HttpResponse<String> duplicate = store.api("POST", "/v2/coupons", coupon("pts-abc"));
    HttpResponse<String> noAmount =
        store.api(
            "POST", "/v2/coupons", Map.of("name", "x", "code", "X1", "type", "per_total_discount"));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = json(created).path("id").asLong();
    assertThat(id).isPositive();
    assertThat(json(created).path("amount").asText()).isEqualTo("5.0000");
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(noAmount.statusCode()).isEqualTo(400);
    assertThat(json(noAmount).get(0).path("message").asText()).contains("'amount'");

    JsonNode found = json(store.api("GET", "/v2/coupons?code=pts-abc", null));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).path("code").asText()).isEqualTo("PTS-ABC");
    assertThat(found.get(0).path("enabled").asBoolean()).isTrue();

    HttpResponse<String> disabled = store.api("PUT", "/v2/coupons/" + id, Map.of("enabled", false));
    assertThat(json(disabled).path("enabled").asBoolean()).isFalse();
    assertThat(json(store.control("GET", "/discount-codes/PTS-ABC", null)).path("state").asText())
        .isEqualTo("DEACTIVATED");

    assertThat(store.api("DELETE", "/v2/coupons/" + id, null).statusCode()).isEqualTo(204);
    assertThat(store.api("DELETE", "/v2/coupons/" + id, null).statusCode()).isEqualTo(404);
    assertThat(store.api("GET", "/v2/coupons?code=PTS-ABC", null).statusCode())
        .as("BigCommerce answers an empty v2 list with 204")
        .isEqualTo(204);
    assertThat(json(store.control("GET", "/discount-codes/PTS-ABC", null)).path("state").asText())
        .isEqualTo("DELETED");
  }

  @Test
  void anOrderWithACouponReadsAsBigCommerceComputesItAndItsRefundsNetOfTheDiscount() {
    store.api(
        "POST",
        "/v2/coupons",
        Map.of("name", "Ten off", "code", "TEN", "type", "per_total_discount", "amount", "10.00"));
    HttpResponse<String> placed =
        store.control(
            "POST",
            "/orders",
            Map.of(
                "customerId",
                17,
                "lines",
                List.of(line("40.00", 1), line("20.00", 1)),
                "discountCodes",
                List.of("TEN"),
                "shipping",
                "5.00"));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String orderId = json(placed).path("orderId").asText();
    String secondLine = json(placed).path("lineItems").get(1).path("id").asText();

    JsonNode order = json(store.api("GET", "/v2/orders/" + orderId, null));
    JsonNode products =
        json(store.api("GET", "/v2/orders/" + orderId + "/products?limit=250&page=1", null));
    JsonNode coupons =
        json(store.api("GET", "/v2/orders/" + orderId + "/coupons?limit=250&page=1", null));
    HttpResponse<String> noRefunds =
        store.api("GET", "/v3/orders/" + orderId + "/payment_actions/refunds", null);

    assertThat(order.path("status_id").asInt()).isEqualTo(11);
    assertThat(order.path("status").asText()).isEqualTo("Awaiting Fulfillment");
    assertThat(order.path("customer_id").asLong()).isEqualTo(17);
    assertThat(order.path("currency_code").asText()).isEqualTo("USD");
    assertThat(order.path("subtotal_ex_tax").asText()).isEqualTo("60.0000");
    assertThat(order.path("coupon_discount").asText()).isEqualTo("10.0000");
    assertThat(order.path("shipping_cost_ex_tax").asText()).isEqualTo("5.0000");
    assertThat(order.path("total_inc_tax").asText()).isEqualTo("55.0000");
    assertThat(order.path("date_modified").asText())
        .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} .* \\+0000");
    assertThat(products.findValuesAsText("base_price")).containsExactly("40.0000", "20.0000");
    assertThat(products.get(0).path("applied_discounts").get(0).path("amount").asText())
        .isEqualTo("6.6700");
    assertThat(products.get(1).path("applied_discounts").get(0).path("amount").asText())
        .isEqualTo("3.3300");
    assertThat(coupons.get(0).path("code").asText()).isEqualTo("TEN");
    assertThat(json(noRefunds).path("data")).isEmpty();

    HttpResponse<String> refunded =
        store.control(
            "POST",
            "/orders/" + orderId + "/refunds",
            Map.of("lines", List.of(Map.of("lineItemId", secondLine, "quantity", 1))));
    assertThat(refunded.statusCode()).as(refunded.body()).isEqualTo(201);

    JsonNode refunds =
        json(store.api("GET", "/v3/orders/" + orderId + "/payment_actions/refunds", null))
            .path("data");
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).path("id").asText())
        .isEqualTo(json(refunded).path("refundId").asText());
    JsonNode item = refunds.get(0).path("items").get(0);
    assertThat(item.path("item_type").asText()).isEqualTo("PRODUCT");
    assertThat(item.path("item_id").asText()).isEqualTo(secondLine);
    assertThat(item.path("requested_amount").asText()).isEqualTo("16.67");
    assertThat(refunds.get(0).path("payments").get(0).path("amount").decimalValue())
        .isEqualByComparingTo("16.67");
    JsonNode after = json(store.api("GET", "/v2/orders/" + orderId, null));
    assertThat(after.path("status_id").asInt()).isEqualTo(14);
    assertThat(after.path("refunded_amount").asText()).isEqualTo("16.6700");
  }

  @Test
  void ordersChangedSinceADateArePagedAndAnEmptyPageIs204() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          json(store.control(
                  "POST", "/orders", Map.of("customerId", 5, "lines", List.of(line("10.00", 1)))))
              .path("orderId")
              .asText());
    }
    HttpResponse<String> status =
        store.api("PUT", "/v2/orders/" + ids.get(0), Map.of("status_id", 10));
    assertThat(json(status).path("status_id").asInt()).isEqualTo(10);

    JsonNode first =
        json(
            store.api(
                "GET", "/v2/orders?min_date_modified=2020-01-01T00:00:00Z&limit=2&page=1", null));
    JsonNode second =
        json(
            store.api(
                "GET", "/v2/orders?min_date_modified=2020-01-01T00:00:00Z&limit=2&page=2", null));
    HttpResponse<String> future =
        store.api(
            "GET",
            "/v2/orders?min_date_modified=Tue,%2001%20Jan%202999%2000:00:00%20%2B0000",
            null);
    JsonNode completed = json(store.api("GET", "/v2/orders?status_id=10", null));
    HttpResponse<String> badDate = store.api("GET", "/v2/orders?min_date_modified=yesterday", null);

    assertThat(first.findValuesAsText("id")).containsExactly(ids.get(0), ids.get(1));
    assertThat(second.findValuesAsText("id")).containsExactly(ids.get(2));
    assertThat(future.statusCode()).isEqualTo(204);
    assertThat(completed.findValuesAsText("id")).containsExactly(ids.get(0));
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(json(badDate).path("field").asText()).isEqualTo("min_date_modified");
    assertThat(store.api("GET", "/v2/orders/123", null).statusCode()).isEqualTo(404);
  }

  @Test
  void anInjectedFaultFailsTheNextCallOfItsOperationTheBigCommerceWay() {
    String orderId =
        json(store.control(
                "POST", "/orders", Map.of("customerId", 5, "lines", List.of(line("10.00", 1)))))
            .path("orderId")
            .asText();
    store.control(
        "POST",
        "/faults",
        Map.of(
            "operation", "readOrder", "failures", 1, "kind", "HTTP_429", "retryAfterSeconds", 3));
    store.control(
        "POST", "/faults", Map.of("operation", "readRefunds", "failures", 1, "kind", "HTTP_500"));

    HttpResponse<String> limited = store.api("GET", "/v2/orders/" + orderId, null);
    HttpResponse<String> failed =
        store.api("GET", "/v3/orders/" + orderId + "/payment_actions/refunds", null);
    HttpResponse<String> then = store.api("GET", "/v2/orders/" + orderId, null);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("X-Rate-Limit-Time-Reset-Ms")).hasValue("3000");
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(then.statusCode()).isEqualTo(200);
    JsonNode calls = json(store.control("GET", "/calls", null));
    assertThat(calls.path("readOrder").path("received").asLong()).isEqualTo(2);
    assertThat(calls.path("readOrder").path("failed").asLong()).isEqualTo(1);
    assertThat(calls.path("readRefunds").path("failed").asLong()).isEqualTo(1);
  }

  private static Map<String, Object> hook(String scope) {
    return Map.of(
        "scope",
        scope,
        "destination",
        "https://points.example.com/webhooks/bigcommerce",
        "is_active",
        true,
        "headers",
        Map.of("X-Secret", "s3cret"));
  }

  private static Map<String, Object> coupon(String code) {
    return Map.of(
        "name",
        "Reward " + code,
        "code",
        code,
        "type",
        "per_total_discount",
        "amount",
        "5.00",
        "enabled",
        true,
        "max_uses",
        1);
  }

  private static Map<String, Object> line(String price, int quantity) {
    return Map.of("price", price, "quantity", quantity);
  }
}
