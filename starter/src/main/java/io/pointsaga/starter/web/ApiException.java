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

  public HttpStatus status() {
    return status;
  }

  public String error() {
    return error;
  }
}
