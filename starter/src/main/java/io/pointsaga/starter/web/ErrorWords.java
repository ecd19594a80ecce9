package io.pointsaga.starter.web;

/**
 * Our own words for an HTTP error status, for the answers written outside the controllers (the
 * error controller, Tomcat's error report): never the exception's or the container's text.
 */
final class ErrorWords {
  private ErrorWords() {}

  static ApiError of(int status) {
    return switch (status) {
      case 400 ->
          new ApiError(
              "bad_request",
              "The request could not be read: check the path (no encoded '/', '\\' or NUL),"
                  + " the headers and the body");
      case 401 -> new ApiError("unauthorized", "Authentication is required");
      case 403 -> new ApiError("forbidden", "This is not allowed");
      case 404 -> new ApiError("not_found", "There is nothing at this address");
      case 405 -> new ApiError("method_not_allowed", "This method is not allowed here");
      case 408 -> new ApiError("request_timeout", "The request took too long to arrive");
      case 413 -> new ApiError("payload_too_large", "The request body is too large");
      case 414 -> new ApiError("uri_too_long", "The address is too long");
      case 415 -> new ApiError("unsupported_media_type", "Send the body as application/json");
      case 431 ->
          new ApiError("request_header_fields_too_large", "The request's headers are too large");
      case 503 -> new ApiError("unavailable", "The service is unavailable right now; try again");
      default ->
          status >= 500
              ? new ApiError(
                  "internal_error", "Something went wrong on our side; it has been logged.")
              : new ApiError("bad_request", "The request was not accepted (HTTP " + status + ")");
    };
  }

  /** The same as a JSON text, for writers without a mapper (Tomcat's valve). */
  static String json(int status) {
    ApiError error = of(status);
    return "{\"error\":\"" + error.error() + "\",\"message\":\"" + escape(error.message()) + "\"}";
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
