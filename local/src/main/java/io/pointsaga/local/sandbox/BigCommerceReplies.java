package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * BigCommerce's answers that are not resources: v3 errors {@code {"status", "title", "type"}}, v2
 * errors {@code [{"status", "message"}]}, 204 for an empty v2 list, and the rate limit's 429 with
 * {@code X-Rate-Limit-Time-Reset-Ms}.
 */
final class BigCommerceReplies {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String ERROR_TYPE =
      "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";

  private BigCommerceReplies() {}

  static ResponseEntity<JsonNode> ok(JsonNode body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static ResponseEntity<JsonNode> created(JsonNode body) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /** A v2 list: 204 without a body when it is empty, as BigCommerce answers. */
  static ResponseEntity<JsonNode> list(ArrayNode entries) {
    return entries.isEmpty() ? ResponseEntity.noContent().build() : ok(entries);
  }

  static ResponseEntity<JsonNode> noContent() {
    return ResponseEntity.noContent().build();
  }

  static ResponseEntity<JsonNode> unauthorized() {
    return v3Error(HttpStatus.UNAUTHORIZED, "Unauthorized: the X-Auth-Token is missing or wrong");
  }

  static ResponseEntity<JsonNode> v3Error(HttpStatus status, String title) {
    ObjectNode body =
        JSON.objectNode().put("status", status.value()).put("title", title).put("type", ERROR_TYPE);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  /** A v3 422 naming the field, as BigCommerce's validation answers. */
  static ResponseEntity<JsonNode> unprocessable(String field, String problem) {
    ObjectNode body =
        JSON.objectNode()
            .put("status", 422)
            .put("title", "JSON data is missing or invalid")
            .put("type", ERROR_TYPE);
    body.putObject("errors").put(field, problem);
    return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static ResponseEntity<JsonNode> v2Error(HttpStatus status, String message) {
    ArrayNode body = JSON.arrayNode();
    body.addObject().put("status", status.value()).put("message", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static ResponseEntity<JsonNode> internalServerError() {
    return v3Error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
  }

  static ResponseEntity<JsonNode> gatewayTimeout() {
    return v3Error(HttpStatus.GATEWAY_TIMEOUT, "Gateway Timeout");
  }

  /** The store's request quota is used up: try again after {@code resetSeconds}. */
  static ResponseEntity<JsonNode> tooManyRequests(int resetSeconds) {
    ObjectNode body =
        JSON.objectNode()
            .put("status", 429)
            .put("title", "Too many requests")
            .put("type", ERROR_TYPE);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Rate-Limit-Time-Reset-Ms", String.valueOf(resetSeconds * 1000L))
        .header("X-Rate-Limit-Time-Window-Ms", "30000")
        .header("X-Rate-Limit-Requests-Left", "0")
        .header("X-Rate-Limit-Requests-Quota", "150")
        .body(body);
  }
}
