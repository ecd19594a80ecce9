package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON bodies of Shopify's Admin API errors, as the simulated platform answers them. */
final class ShopifyResponseBodies {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ShopifyResponseBodies() {}

  /** HTTP 401 for a missing or wrong {@code X-Shopify-Access-Token}. */
  static ObjectNode invalidAccessToken() {
    return plainErrors(
        "[API] Invalid API key or access token (unrecognized login or wrong password)");
  }

  /** HTTP 500. */
  static ObjectNode internalServerError() {
    return plainErrors("Internal Server Error");
  }

  /** HTTP 429, sent with a {@code Retry-After} header. */
  static ObjectNode callLimitExceeded() {
    return plainErrors(
        "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.");
  }

  /** HTTP 504, what a caller still waiting after a TIMEOUT fault finally gets. */
  static ObjectNode gatewayTimeout() {
    return plainErrors("Gateway Timeout");
  }

  /** HTTP 200: GraphQL's cost-based throttling, the query bucket is empty. */
  static ObjectNode throttled() {
    ObjectNode body = JSON.objectNode();
    body.set("errors", graphqlErrors("Throttled", "THROTTLED"));
    ObjectNode throttleStatus =
        JSON.objectNode()
            .put("maximumAvailable", 2000.0)
            .put("currentlyAvailable", 0)
            .put("restoreRate", 100.0);
    ObjectNode cost = JSON.objectNode().put("requestedQueryCost", 10);
    cost.set("throttleStatus", throttleStatus);
    body.putObject("extensions").set("cost", cost);
    return body;
  }

  /** HTTP 200: the query asks for a root field the simulated platform does not have. */
  static ObjectNode undefinedField(String fieldName, String typeName) {
    ObjectNode body = JSON.objectNode();
    ArrayNode errors =
        graphqlErrors(
            "Field '" + fieldName + "' doesn't exist on type '" + typeName + "'", "undefinedField");
    ((ObjectNode) errors.get(0).get("extensions"))
        .put("typeName", typeName)
        .put("fieldName", fieldName);
    body.set("errors", errors);
    return body;
  }

  /** HTTP 200: a required variable is absent or of the wrong type. */
  static ObjectNode invalidVariable(String variableName, String typeName) {
    ObjectNode body = JSON.objectNode();
    body.set(
        "errors",
        graphqlErrors(
            "Variable $" + variableName + " of type " + typeName + " was provided invalid value",
            "INVALID_VARIABLE"));
    return body;
  }

  private static ObjectNode plainErrors(String message) {
    return JSON.objectNode().put("errors", message);
  }

  private static ArrayNode graphqlErrors(String message, String code) {
    ObjectNode error = JSON.objectNode().put("message", message);
    error.putObject("extensions").put("code", code);
    return JSON.arrayNode().add(error);
  }
}
