package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * BigCommerce coupons through the v2 API. v2 has no per-customer coupons, so the customer is not
 * sent; one use in all keeps the coupon to the customer who received the code.
 */
final class BigCommerceCouponClient implements DiscountPlatformClient {

  static final String COUPONS_PATH = "/v2/coupons";

  private final PlatformHttp http;

  BigCommerceCouponClient(PlatformHttp http) {
    this.http = http;
  }

  @Override
  public PlatformDiscount create(PlatformAccount account, DiscountCodeSpec spec) {
    PlatformCall call = PlatformCall.of(account, "create", spec.code());
    ObjectNode coupon =
        PlatformJson.object()
            .put("name", spec.title())
            .put("code", spec.code())
            .put("type", "per_total_discount")
            .put("amount", DiscountPlatformClient.moneyAmount(call, spec.amountOff()))
            .put("enabled", true);
    // Category 0 stands for every category: the coupon applies to the whole cart.
    coupon.putObject("applies_to").put("entity", "categories").putArray("ids").add(0);
    coupon.put("max_uses", 1).put("max_uses_per_customer", 1);

    HttpRequest request =
        request(account, call, COUPONS_PATH)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    PlatformJson.write(coupon), StandardCharsets.UTF_8))
            .build();
    PlatformResponse response = http.send(call, request);
    if (response.status() == 409) {
      return existing(account, call, response);
    }
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
    JsonNode id = PlatformJson.read(call, response).path("id");
    if (!id.isIntegralNumber() && !id.isTextual()) {
      throw PlatformFailures.unreadable(call, response, "no coupon id");
    }
    return new PlatformDiscount(id.asText(), spec.code());
  }

  @Override
  public DiscountCodeStatus lookup(PlatformAccount account, String code) {
    return findByCode(account, PlatformCall.of(account, "look up", code));
  }

  @Override
  public RevocationResult revoke(PlatformAccount account, String code) {
    PlatformCall call = PlatformCall.of(account, "revoke", code);
    DiscountCodeStatus status = findByCode(account, call);
    if (!status.tracked()) {
      return RevocationResult.ALREADY_GONE;
    }
    String path = COUPONS_PATH + "/" + encode(status.platformDiscountId());
    PlatformResponse response = http.send(call, request(account, call, path).DELETE().build());
    if (response.status() == 404) {
      return RevocationResult.ALREADY_GONE;
    }
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
    return RevocationResult.REVOKED;
  }

  /**
   * A 409 means a coupon with this code or this name exists. Codes are unique per redemption, so a
   * coupon with the code is an earlier attempt of this create; without one the clash is on the
   * name, which retrying cannot fix.
   */
  private PlatformDiscount existing(
      PlatformAccount account, PlatformCall call, PlatformResponse conflict) {
    DiscountCodeStatus status = findByCode(account, call);
    if (!status.tracked()) {
      throw PlatformFailures.rejected(
          call,
          "HTTP 409 but no coupon has this code (does another coupon have the same name?): "
              + conflict.excerpt());
    }
    return new PlatformDiscount(status.platformDiscountId(), call.code());
  }

  private DiscountCodeStatus findByCode(PlatformAccount account, PlatformCall call) {
    String path = COUPONS_PATH + "?code=" + encode(call.code());
    PlatformResponse response = http.send(call, request(account, call, path).GET().build());
    if (response.status() == 204) {
      return DiscountCodeStatus.untracked();
    }
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
    if (!response.hasBody()) {
      return DiscountCodeStatus.untracked();
    }
    JsonNode coupons = PlatformJson.read(call, response);
    if (!coupons.isArray()) {
      throw PlatformFailures.unreadable(call, response, "something other than a list of coupons");
    }
    for (JsonNode coupon : coupons) {
      // BigCommerce matches codes case-insensitively at checkout.
      if (call.code().equalsIgnoreCase(coupon.path("code").asText())) {
        return new DiscountCodeStatus(
            true,
            coupon.path("id").asText(),
            coupon.path("enabled").asBoolean(false),
            coupon.path("num_uses").asLong(0));
      }
    }
    return DiscountCodeStatus.untracked();
  }

  private HttpRequest.Builder request(PlatformAccount account, PlatformCall call, String path) {
    return http.request(call, account.apiBaseUrl(), path)
        .header("X-Auth-Token", account.accessToken())
        .header("Accept", "application/json");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
