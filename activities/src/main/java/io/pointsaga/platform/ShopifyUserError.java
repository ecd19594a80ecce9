package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One entry of a Shopify mutation's {@code userErrors}. */
record ShopifyUserError(String field, String code, String message) {

  static List<ShopifyUserError> listFrom(JsonNode mutationPayload) {
    List<ShopifyUserError> errors = new ArrayList<>();
    for (JsonNode error : mutationPayload.path("userErrors")) {
      List<String> path = new ArrayList<>();
      error.path("field").forEach(part -> path.add(part.asText()));
      errors.add(
          new ShopifyUserError(
              String.join(".", path),
              error.path("code").textValue(),
              error.path("message").asText("(no message)")));
    }
    return errors;
  }

  static String describe(List<ShopifyUserError> errors) {
    return errors.stream().map(ShopifyUserError::describe).collect(Collectors.joining("; "));
  }

  boolean hasCode(String expected) {
    return expected.equals(code);
  }

  // Shopify gives no dedicated code for an unknown discount id, only a message.
  boolean saysDiscountDoesNotExist() {
    String text = message.toLowerCase(Locale.ROOT);
    return "NOT_FOUND".equals(code)
        || text.contains("does not exist")
        || text.contains("not found");
  }

  String describe() {
    StringBuilder text = new StringBuilder();
    if (!field.isEmpty()) {
      text.append(field).append(": ");
    }
    text.append(message);
    if (code != null) {
      text.append(" (").append(code).append(')');
    }
    return text.toString();
  }
}
