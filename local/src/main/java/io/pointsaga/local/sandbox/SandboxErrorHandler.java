package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure of a sandbox controller into {@code {"error": "...", "message": "..."}} with
 * the right status, never a stack trace. Applies to this package's controllers only, ahead of any
 * application-wide advice.
 */
@RestControllerAdvice(basePackageClasses = SandboxErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SandboxErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(SandboxErrorHandler.class);

  @ExceptionHandler(SandboxRequestException.class)
  ResponseEntity<SandboxError> sandboxRequest(SandboxRequestException e) {
    return ResponseEntity.status(e.status())
        .body(new SandboxError(e.error(), e.getMessage(), e.field()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<SandboxError> unreadableBody(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    SandboxError error;
    if (cause instanceof JsonParseException parse) {
      error =
          new SandboxError(
              "malformed_json", "Request body is not valid JSON: " + parse.getOriginalMessage());
    } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  reference ->
                      reference.getFieldName() != null
                          ? reference.getFieldName()
                          : "[" + reference.getIndex() + "]")
              .collect(Collectors.joining("."));
      error =
          new SandboxError(
              "invalid_field",
              field + " has the wrong type: " + mapping.getOriginalMessage(),
              field);
    } else {
      error = new SandboxError("invalid_request", "Request body is missing or not a JSON object");
    }
    return ResponseEntity.badRequest().body(error);
  }

  /** Spring's own request errors (unsupported media type, missing header...) keep their status. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<SandboxError> unexpected(Exception e) {
    if (e instanceof ErrorResponse errorResponse) {
      HttpStatusCode status = errorResponse.getStatusCode();
      String detail = errorResponse.getBody().getDetail();
      return ResponseEntity.status(status)
          .body(new SandboxError(errorName(status), detail != null ? detail : e.getMessage()));
    }
    log.error("Simulated platform failed", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            new SandboxError(
                "internal_error",
                "The simulated platform failed ("
                    + e.getClass().getSimpleName()
                    + "); see its log"));
  }

  private static String errorName(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "http_" + status.value() : known.name().toLowerCase(Locale.ROOT);
  }
}
