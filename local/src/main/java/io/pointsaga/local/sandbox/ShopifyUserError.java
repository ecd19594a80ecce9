package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An entry of a Shopify mutation's {@code userErrors}: the input was understood and refused. */
record ShopifyUserError(List<String> field, String code, String message) {

  static ShopifyUserError blank(String message, String... field) {
    return new ShopifyUserError(List.of(field), "BLANK", message);
  }

  static ShopifyUserError invalid(String message, String... field) {
    return new ShopifyUserError(List.of(field), "INVALID", message);
  }

  static ShopifyUserError taken(String message, String... field) {
    return new ShopifyUserError(List.of(field), "TAKEN", message);
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    field.forEach(json.putArray("field")::add);
    return json.put("code", code).put("message", message);
  }
}
