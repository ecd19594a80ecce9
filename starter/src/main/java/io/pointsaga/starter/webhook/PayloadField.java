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
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]{1,12})?");
  private static final int SHOWN_CHARS = 40;

  /** Longer amounts are refused before they are parsed. */
  private static final int MAX_AMOUNT_CHARS = 40;

  /** SPEC §8: money has at most 12 integer digits. */
  static final int MAX_INTEGER_DIGITS = 12;

  /** Longer text is refused: ids, codes and statuses are short. */
  private static final int MAX_TEXT_CHARS = 255;

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
    if (node.isTextual()) {
      requireCleanText(node.textValue());
    }
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
    requireCleanText(node.textValue());
    return node.textValue();
  }

  String optionalText() {
    return isAbsent() ? null : text();
  }

  /**
   * An amount of money, exactly as sent: Shopify sends strings ({@code "19.99"}), some numbers.
   * Checked for size before any arithmetic: an amount with more than 12 integer digits (e.g. {@code
   * 1e30}, {@code 1e999999999}) is invalid, and its value is never echoed.
   */
  BigDecimal amount() {
    requirePresent();
    BigDecimal amount = null;
    if (node.isIntegralNumber() || node.isBigDecimal()) {
      amount = node.decimalValue();
    } else if (node.isNumber()) {
      if (!Double.isFinite(node.doubleValue())) {
        throw invalid("has more than %d integer digits".formatted(MAX_INTEGER_DIGITS));
      }
      amount = BigDecimal.valueOf(node.doubleValue());
    } else if (node.isTextual()) {
      String text = node.textValue().trim();
      if (DECIMAL.matcher(text).matches()) {
        if (text.length() > MAX_AMOUNT_CHARS) {
          throw invalid("is longer than %d characters".formatted(MAX_AMOUNT_CHARS));
        }
        try {
          amount = new BigDecimal(text);
        } catch (NumberFormatException beyondRange) {
          throw invalid("has more than %d integer digits".formatted(MAX_INTEGER_DIGITS));
        }
      }
    }
    if (amount == null) {
      throw malformed("must be an amount such as \"19.99\", got " + shown());
    }
    if (integerDigits(amount) > MAX_INTEGER_DIGITS) {
      throw invalid("has more than %d integer digits".formatted(MAX_INTEGER_DIGITS));
    }
    return amount;
  }

  /** Digits before the point, from precision and scale only: no arithmetic on the value. */
  static long integerDigits(BigDecimal amount) {
    return amount.signum() == 0 ? 0 : Math.max(0, (long) amount.precision() - amount.scale());
  }

  /** A whole number from 0 to {@code max}: beyond it the payload is invalid, not malformed. */
  int boundedInt(int max) {
    int value = nonNegativeInt();
    if (value > max) {
      throw invalid("must be at most %d".formatted(max));
    }
    return value;
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

  /** Control characters (NUL included) make a text field invalid; so does an overlong one. */
  private void requireCleanText(String text) {
    if (text.length() > MAX_TEXT_CHARS) {
      throw invalid("is longer than %d characters".formatted(MAX_TEXT_CHARS));
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw invalid("contains a control character");
    }
  }

  InvalidWebhookException invalid(String problem) {
    return new InvalidWebhookException(source, path, problem);
  }

  private MalformedWebhookException malformed(String problem) {
    return new MalformedWebhookException(source, path, problem);
  }

  private String shown() {
    String json = node.toString();
    return json.length() <= SHOWN_CHARS ? json : json.substring(0, SHOWN_CHARS) + "...";
  }
}
