package io.pointsaga.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON in and out of platform requests; an unreadable answer is a retryable failure. */
final class PlatformJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PlatformJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  static JsonNode read(PlatformCall call, PlatformResponse response) {
    if (!response.hasBody()) {
      throw PlatformFailures.unreadable(call, response, "an empty body instead of JSON");
    }
    try {
      return MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw PlatformFailures.unreadable(call, response, "a body that is not JSON");
    }
  }
}
