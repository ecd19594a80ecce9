package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Body of a GraphQL call: {@code {"query": "...", "variables": {...}}}; absent variables read as
 * {}.
 */
record GraphqlRequest(String query, JsonNode variables) {

  static GraphqlRequest parse(ObjectMapper objectMapper, String body) {
    if (body == null || body.isBlank()) {
      throw InvalidSandboxRequestException.invalidRequest(
          "A GraphQL request needs a JSON body {\"query\": \"...\", \"variables\": {...}}");
    }
    JsonNode json;
    try {
      json = objectMapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw InvalidSandboxRequestException.malformedJson(e.getOriginalMessage());
    }
    JsonNode query = json.path("query");
    if (!query.isTextual() || query.asText().isBlank()) {
      throw InvalidSandboxRequestException.invalidField(
          "query", "query must be a non-empty string");
    }
    JsonNode variables = json.path("variables");
    if (variables.isMissingNode() || variables.isNull()) {
      variables = JsonNodeFactory.instance.objectNode();
    } else if (!variables.isObject()) {
      throw InvalidSandboxRequestException.invalidField(
          "variables", "variables must be a JSON object");
    }
    return new GraphqlRequest(query.asText(), variables);
  }
}
