package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

/**
 * A sandbox request that cannot be served; {@link SandboxErrorHandler} turns it into a JSON error.
 */
abstract class SandboxRequestException extends RuntimeException {

  private final HttpStatus status;
  private final String error;

  SandboxRequestException(HttpStatus status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  HttpStatus status() {
    return status;
  }

  /** Stable, machine-readable name of the error, e.g. {@code shop_not_found}. */
  String error() {
    return error;
  }

  /** The request field at fault, or null when the error is not about one field. */
  String field() {
    return null;
  }
}
