package io.pointsaga.starter.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one reading policy for every request body (SPEC §8): a mistake fails with a 400 naming the
 * field instead of being read as something else. Unknown, duplicate and trailing content, numbers
 * for strings and strings for numbers or booleans, {@code 1.5} or {@code 1e3} for a whole number, a
 * number for an enum, absurd numbers and control characters in text are all refused. Only the MVC
 * message converter reads with it (see {@link StrictJsonConfiguration}); Spring's shared mapper
 * keeps serialising internal JSON (the webhook inbox) as before.
 */
public final class StrictJson {
  /** Digits a decimal may have on each side of the point before it is refused unread. */
  static final int MAX_DECIMAL_DIGITS = 18;

  static final int MAX_NUMBER_TEXT = 64;

  private StrictJson() {}

  /** A strict copy of {@code base}: same modules and output settings, strict input. */
  public static ObjectMapper strictCopyOf(ObjectMapper base) {
    ObjectMapper strict = base.copy();
    strict
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_TEXT)
                .maxStringLength(1_000_000)
                .maxNestingDepth(64)
                .build());
    strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    strict.enable(
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    strict.disable(
        DeserializationFeature.ACCEPT_FLOAT_AS_INT,
        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
        DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    strict
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    strict
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    strict
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    strict
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    strict
        .coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    strict.registerModule(
        new SimpleModule("pointsaga-strict-input")
            .addDeserializer(String.class, new PlainText())
            .addDeserializer(BigDecimal.class, new BoundedDecimal()));
    return strict;
  }

  /** "A, B, C": the values a client may send for {@code enumType}. */
  public static String allowed(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(constant -> ((Enum<?>) constant).name())
        .collect(Collectors.joining(", "));
  }

  /**
   * Why a body could not be read, for the client: {@code bad_request} naming the field, or {@code
   * malformed_request} when it is not JSON at all. Never a Java class name or a long echo.
   */
  static ApiError problem(Throwable cause) {
    if (cause instanceof RejectedValueException rejected) {
      return field(rejected, "'%s' %s".formatted(field(rejected), rejected.rule()));
    }
    if (cause instanceof MismatchedInputException mismatch) {
      if (mismatch.getOriginalMessage() != null
          && mismatch.getOriginalMessage().startsWith("Trailing token")) {
        return malformed("there is more content after the JSON value; send exactly one object");
      }
      return new ApiError("bad_request", describe(mismatch));
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = field(mapping);
      Throwable inner = mapping.getCause();
      if (inner instanceof InputCoercionException || inner instanceof StreamConstraintsException) {
        return new ApiError("bad_request", "'%s' is out of range".formatted(field));
      }
      if (inner instanceof JsonProcessingException syntax) {
        return syntax(syntax);
      }
      return new ApiError("bad_request", "'%s' is not valid here".formatted(field));
    }
    if (cause instanceof InputCoercionException) {
      return new ApiError("bad_request", "A number in the request body is out of range");
    }
    if (cause instanceof StreamConstraintsException) {
      return malformed("a number, text or nesting in the body is longer or deeper than allowed");
    }
    if (cause instanceof JsonProcessingException syntax) {
      return syntax(syntax);
    }
    return malformed("the body must be a JSON object; it was empty or null");
  }

  private static ApiError field(MismatchedInputException e, String message) {
    return field(e).isEmpty()
        ? new ApiError("bad_request", "The request body " + ((RejectedValueException) e).rule())
        : new ApiError("bad_request", message);
  }

  private static ApiError syntax(JsonProcessingException e) {
    String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (original.startsWith("Duplicate field")) {
      // "Duplicate field 'points'": the name is the client's own, the rest is plain words
      return new ApiError(
          "bad_request",
          "The field %s appears more than once; send each field once"
              .formatted(short_(original.substring("Duplicate field ".length()))));
    }
    return malformed(short_(firstLine(original)));
  }

  private static ApiError malformed(String why) {
    return new ApiError("malformed_request", "The request body is not valid JSON: " + why);
  }

  private static String describe(MismatchedInputException e) {
    String field = field(e);
    if (field.isEmpty()) {
      return "The request body must be a JSON object";
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "Unknown field '%s'; the fields here are %s"
          .formatted(
              field, unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
    }
    String got =
        e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
            ? "; got " + short_("'" + text + "'")
            : "";
    return "'%s' must be %s%s".formatted(field, expectation(e.getTargetType()), got);
  }

  /** The path to the offending value, e.g. {@code vipTiers[2].threshold}; empty for the root. */
  static String field(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return short_(path.toString());
  }

  private static String expectation(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of " + allowed(type);
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.of(Long.class, long.class, Integer.class, int.class, BigInteger.class)
        .contains(type)) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "an object";
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String short_(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  /** Text without control characters other than tab and newline (a NUL would reach the SQL). */
  static final class PlainText extends StdScalarDeserializer<String> {
    PlainText() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = StringDeserializer.instance.deserialize(p, ctxt);
      if (text != null) {
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          if (Character.isISOControl(c) && c != '\t' && c != '\n') {
            throw new RejectedValueException(
                p,
                String.class,
                "must not contain control characters (only tab and newline are allowed)");
          }
        }
      }
      return text;
    }
  }

  /**
   * A decimal within {@value #MAX_DECIMAL_DIGITS} digits either side of the point, checked on the
   * text before any arithmetic: {@code 1e999999999} is refused at once instead of being expanded.
   */
  static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {
    BoundedDecimal() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        throw InvalidFormatException.from(
            p, "not a number", p.getText(), BigDecimal.class); // described as "must be a number"
      }
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
      }
      String text = p.getText();
      BigDecimal value;
      try {
        value = new BigDecimal(text);
      } catch (NumberFormatException | ArithmeticException e) {
        throw outOfRange(p);
      }
      long integerDigits = (long) value.precision() - value.scale();
      if (integerDigits > MAX_DECIMAL_DIGITS || value.scale() > MAX_DECIMAL_DIGITS) {
        throw outOfRange(p);
      }
      return value;
    }

    private static RejectedValueException outOfRange(JsonParser p) {
      return new RejectedValueException(
          p,
          BigDecimal.class,
          "must be a number with at most %d digits before and %d after the decimal point"
              .formatted(MAX_DECIMAL_DIGITS, MAX_DECIMAL_DIGITS));
    }
  }
}
