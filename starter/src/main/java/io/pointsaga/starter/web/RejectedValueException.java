package io.pointsaga.starter.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value of the right type that the strict reading policy still refuses (a control character
 * in a text, an absurd number). {@link #rule()} says what the value must be, without echoing it, so
 * that a gigabyte of digits never comes back in the answer.
 */
final class RejectedValueException extends MismatchedInputException {
  private final String rule;

  RejectedValueException(JsonParser parser, Class<?> type, String rule) {
    super(parser, rule, type);
    this.rule = rule;
  }

  /** What the value must be, e.g. "must be a number with at most 18 digits before...". */
  String rule() {
    return rule;
  }
}
