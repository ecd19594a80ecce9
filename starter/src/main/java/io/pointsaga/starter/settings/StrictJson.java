package io.pointsaga.starter.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.pointsaga.starter.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads a configuration request body strictly, so that a mistake fails with a 400 naming the field
 * instead of silently changing a policy. Spring's shared mapper is lenient on purpose and would
 * ignore a misspelt field (which then takes its default), take {@code 1} for an enum's second value
 * and cut {@code 1.5} down to {@code 1}; here all of that is rejected.
 */
@Component
class StrictJson {
  private final ObjectMapper json;

  StrictJson(ObjectMapper json) {
    this.json = json;
  }

  /** The body as {@code type}; never null. Throws an {@link ApiException} (400) otherwise. */
  <T> T read(byte[] body, Class<T> type) {
    T value;
    try {
      value =
          json.readerFor(type)
              .with(
                  DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                  DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
              .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
              .readValue(body);
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest(describe(e));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonProcessingException syntax) {
        throw malformed(syntax); // e.g. the body ends inside a list
      }
      throw ApiException.badRequest(
          "'%s' is not valid: %s".formatted(field(e), e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // reading from a byte array never fails this way
    }
    if (value == null) {
      throw ApiException.badRequest("The request body must be a JSON object");
    }
    return value;
  }

  private static ApiException malformed(JsonProcessingException e) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "malformed_request",
        "The request body is not valid JSON: " + e.getOriginalMessage());
  }

  /** "A, B, C": the values a client may send for {@code type}. */
  static String allowed(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(constant -> ((Enum<?>) constant).name())
        .collect(Collectors.joining(", "));
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
        e instanceof InvalidFormatException invalid ? "; got " + quoted(invalid.getValue()) : "";
    return "'%s' must be %s%s".formatted(field, expectation(e.getTargetType()), got);
  }

  /** The path to the offending value, e.g. {@code vipTiers[2].threshold}; empty for the root. */
  private static String field(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
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

  private static String quoted(Object value) {
    return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
  }
}
