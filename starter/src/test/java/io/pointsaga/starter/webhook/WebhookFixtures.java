package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Webhook bodies under {@code src/test/resources/webhooks/}, as bytes or as editable JSON. */
final class WebhookFixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  private WebhookFixtures() {}

  /** The raw body, e.g. {@code bytes("shopify/orders-paid.json")}. */
  static byte[] bytes(String fixture) {
    try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhooks/" + fixture)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture webhooks/" + fixture);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, editable copy of the fixture's JSON. */
  static ObjectNode json(String fixture) {
    try {
      return (ObjectNode) JSON.readTree(bytes(fixture));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the value at a JSON pointer such as {@code /line_items/1/price} to the given JSON. */
  static ObjectNode with(ObjectNode root, String pointer, String json) {
    return edit(root, pointer, parse(json));
  }

  /** Removes the value at a JSON pointer such as {@code /customer}. */
  static ObjectNode without(ObjectNode root, String pointer) {
    return edit(root, pointer, null);
  }

  private static ObjectNode edit(ObjectNode root, String pointer, JsonNode value) {
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = root.at(at.head());
    String last = at.last().getMatchingProperty();
    if (parent instanceof ObjectNode object) {
      if (value == null) {
        object.remove(last);
      } else {
        object.set(last, value);
      }
    } else if (parent instanceof ArrayNode array) {
      int index = at.last().getMatchingIndex();
      if (value == null) {
        array.remove(index);
      } else {
        array.set(index, value);
      }
    } else {
      throw new IllegalArgumentException("nothing to edit at " + pointer);
    }
    return root;
  }
}
