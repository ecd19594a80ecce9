package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * JSON body of every sandbox error.
 *
 * @param error stable, machine-readable name, e.g. {@code invalid_field}
 * @param message what went wrong, for a person
 * @param field the request field at fault, omitted when the error is not about one field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SandboxError(String error, String message, String field) {

  SandboxError(String error, String message) {
    this(error, message, null);
  }
}
