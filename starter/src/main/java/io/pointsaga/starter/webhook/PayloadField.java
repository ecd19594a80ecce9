package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A value in a webhook payload together with its path, so that a missing or unreadable value is
 * reported by name ({@code line_items[1].price}) rather than surfacing as a NullPointerException.
 * Absent and JSON {@code null} are treated alike: both are "no value".
 *
 * @param source the delivery, for messages: {@code Shopify orders/paid}
 * @param path where the value sits in the payload; empty for the payload itself
 */
record PayloadField(String source, String path, JsonNode node) {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,40}");
  private static final int SHOWN_CHARS = 40;

  static PayloadField root(String source, JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new MalformedWebhookException(source, "", "is not a JSON object");
    }
    return new PayloadField(source, "", payload);
  }

  /** The named member of this object; absent when this value is absent. */
  PayloadField field(String name) {
    JsonNode child;
    if (isAbsent()) {
      child = MissingNode.getInstance();
    } else if (node.isObject()) {
      child = node.path(name);
    } else {
      throw malformed("must be a JSON object, got " + shown());
    }
    return new PayloadField(source, path.isEmpty() ? name : path + "." + name, child);
  }

  boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  /** The elements of this array; none when the array is absent. */
  List<PayloadField> elements() {
    if (isAbsent()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw malformed("must be a JSON array, got " + shown());
    }
    List<PayloadField> elements = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      elements.add(new PayloadField(source, path + "[" + i + "]", node.get(i)));
    }
    return elements;
  }

  List<PayloadField> requiredElements() {
    requirePresent();
    return elements();
  }

  /** A platform id: a positive whole number (or a string of digits), as a string. */
  String id() {
    requirePresent();
    if (node.isIntegralNumber() && node.bigIntegerValue().signum() > 0) {
      return node.bigIntegerValue().toString();
    }
    if (node.isTextual() && DIGITS.matcher(node.textValue()).matches()) {
      return node.textValue();
    }
    throw malformed("must be a positive whole-number id, got " + shown());
  }

  String optionalId() {
    return isAbsent() ? null : id();
  }

  String text() {
    requirePresent();
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw malformed("must be a non-empty string, got " + shown());
    }
    return node.textValue();
  }

  String optionalText() {
    return isAbsent() ? null : text();
  }

  /** An amount of money, exactly as sent: Shopify sends strings ({@code "19.99"}), some numbers. */
  BigDecimal amount() {
    requirePresent();
    if (node.isNumber() && Double.isFinite(node.doubleValue())) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException notAnAmount) {
        // reported below
      }
    }
    throw malformed("must be an amount such as \"19.99\", got " + shown());
  }

  int nonNegativeInt() {
    requirePresent();
    if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
      return node.intValue();
    }
    throw malformed("must be a whole number of at least 0, got " + shown());
  }

  private void requirePresent() {
    if (isAbsent()) {
      throw malformed(node.isNull() ? "is null" : "is missing");
    }
  }

  private MalformedWebhookException malformed(String problem) {
    return new MalformedWebhookException(source, path, problem);
  }

  private String shown() {
    String json = node.toString();
    return json.length() <= SHOWN_CHARS ? json : json.substring(0, SHOWN_CHARS) + "...";
  }
}
