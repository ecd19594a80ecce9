package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

/** A request body the sandbox cannot accept, naming the field at fault when there is one. */
class InvalidSandboxRequestException extends SandboxRequestException {

  private final String field;

  private InvalidSandboxRequestException(String error, String field, String message) {
    super(HttpStatus.BAD_REQUEST, error, message);
    this.field = field;
  }

  static InvalidSandboxRequestException invalidField(String field, String message) {
    return new InvalidSandboxRequestException("invalid_field", field, message);
  }

  static InvalidSandboxRequestException malformedJson(String detail) {
    return new InvalidSandboxRequestException(
        "malformed_json", null, "Request body is not valid JSON: " + detail);
  }

  static InvalidSandboxRequestException invalidRequest(String message) {
    return new InvalidSandboxRequestException("invalid_request", null, message);
  }

  @Override
  String field() {
    return field;
  }
}
