package io.pointsaga.starter.privacy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The compliance webhooks' payloads as Shopify sends them (only the fields read here). */
final class PrivacyPayloads {
  private PrivacyPayloads() {}

  /** {@code customer}: Shopify's numeric id, read as text, and contact details never stored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Customer(String id, String email, String phone) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DataRequestRef(String id) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DataRequest(
      @JsonProperty("shop_id") String shopId,
      @JsonProperty("shop_domain") String shopDomain,
      @JsonProperty("orders_requested") List<String> ordersRequested,
      Customer customer,
      @JsonProperty("data_request") DataRequestRef dataRequest) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CustomerRedact(
      @JsonProperty("shop_id") String shopId,
      @JsonProperty("shop_domain") String shopDomain,
      Customer customer,
      @JsonProperty("orders_to_redact") List<String> ordersToRedact) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ShopRedact(
      @JsonProperty("shop_id") String shopId, @JsonProperty("shop_domain") String shopDomain) {}
}
