package io.pointsaga.starter.web;

import org.springframework.http.HttpStatus;

/** An error the API answers as {@code {"error", "message"}} with its status. */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String error;

  public ApiException(HttpStatus status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
  }

  /** The Idempotency-Key was used before with another body (SPEC §8). */
  public static ApiException idempotencyKeyReused(String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_key_reused", message);
  }

  public HttpStatus status() {
    return status;
  }

  public String error() {
    return error;
  }
}
