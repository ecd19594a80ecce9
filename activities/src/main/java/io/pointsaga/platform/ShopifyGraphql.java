package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Shopify's Admin GraphQL endpoint (API version 2025-10), shared by the Shopify clients. Shopify
 * answers most errors with HTTP 200: top-level {@code errors} are mapped here, {@code userErrors}
 * are left to the caller.
 */
final class ShopifyGraphql {

  static final String PATH = "/admin/api/2025-10/graphql.json";

  private final PlatformHttp http;

  ShopifyGraphql(PlatformHttp http) {
    this.http = http;
  }

  /** Runs one GraphQL document and returns its {@code data}, or throws the mapped failure. */
  JsonNode execute(PlatformAccount account, PlatformCall call, String query, ObjectNode variables) {
    ObjectNode body = PlatformJson.object().put("query", query);
    body.set("variables", variables);
    HttpRequest request =
        http.request(call, account.apiBaseUrl(), PATH)
            .header("X-Shopify-Access-Token", account.accessToken())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    PlatformJson.write(body), StandardCharsets.UTF_8))
            .build();
    PlatformResponse response = http.send(call, request);
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
    JsonNode root = PlatformJson.read(call, response);
    JsonNode errors = root.path("errors");
    if (errors.isTextual() || (errors.isArray() && !errors.isEmpty())) {
      throw topLevelErrors(call, root);
    }
    JsonNode data = root.path("data");
    if (!data.isObject()) {
      throw PlatformFailures.unreadable(call, response, "neither data nor errors");
    }
    return data;
  }

  private static ApplicationFailure topLevelErrors(PlatformCall call, JsonNode root) {
    JsonNode errors = root.path("errors");
    if (errors.isTextual()) {
      return PlatformFailures.rejected(call, errors.textValue());
    }
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    for (JsonNode error : errors) {
      codes.add(error.path("extensions").path("code").asText(""));
      messages.add(error.path("message").asText("(no message)"));
    }
    if (codes.contains("THROTTLED")) {
      return PlatformFailures.throttled(
          call, "GraphQL THROTTLED", RetryDelays.fromShopifyCost(root.path("extensions")));
    }
    if (codes.contains("INTERNAL_SERVER_ERROR")) {
      return PlatformFailures.unavailable(
          String.format(
              "Shopify reported an internal error to %s: %s.",
              call.describe(), String.join("; ", messages)),
          null);
    }
    return PlatformFailures.rejected(call, String.join("; ", messages));
  }
}
