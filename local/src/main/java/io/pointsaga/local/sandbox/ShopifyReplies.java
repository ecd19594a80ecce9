package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Complete HTTP answers of the simulated Admin API: status, headers and Shopify's JSON body. */
final class ShopifyReplies {

  private ShopifyReplies() {}

  static ResponseEntity<JsonNode> ok(JsonNode body) {
    return json(HttpStatus.OK, body);
  }

  static ResponseEntity<JsonNode> invalidAccessToken() {
    return json(HttpStatus.UNAUTHORIZED, ShopifyResponseBodies.invalidAccessToken());
  }

  static ResponseEntity<JsonNode> internalServerError() {
    return json(HttpStatus.INTERNAL_SERVER_ERROR, ShopifyResponseBodies.internalServerError());
  }

  static ResponseEntity<JsonNode> tooManyRequests(int retryAfterSeconds) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
        .contentType(MediaType.APPLICATION_JSON)
        .body(ShopifyResponseBodies.callLimitExceeded());
  }

  static ResponseEntity<JsonNode> throttled() {
    return ok(ShopifyResponseBodies.throttled());
  }

  static ResponseEntity<JsonNode> gatewayTimeout() {
    return json(HttpStatus.GATEWAY_TIMEOUT, ShopifyResponseBodies.gatewayTimeout());
  }

  private static ResponseEntity<JsonNode> json(HttpStatus status, JsonNode body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
