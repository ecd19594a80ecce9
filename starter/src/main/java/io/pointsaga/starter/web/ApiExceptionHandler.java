package io.pointsaga.starter.web;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pointsaga.ledger.BalanceLimitException;
import io.pointsaga.ledger.CustomerErasedException;
import io.pointsaga.ledger.LedgerLimits;
import io.temporal.client.WorkflowServiceException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure becomes {@code {"error", "message"}} with a fitting status. Messages are written
 * here or by the API's own code: never an exception's own text, which may carry SQL, a driver's
 * words or a Java class name (SPEC §8).
 */
@RestControllerAdvice
public class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(new ApiError(e.error(), e.getMessage()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.badRequest().body(StrictJson.problem(e.getCause()));
  }

  /** A {@code @Valid} body whose field breaks a constraint: the first one, named. */
  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
    FieldError error = e.getBindingResult().getFieldError();
    String message =
        error == null
            ? "The request body is not valid"
            : "'%s' %s".formatted(error.getField(), error.getDefaultMessage());
    return ResponseEntity.badRequest().body(new ApiError("bad_request", message));
  }

  /** A path variable, parameter, header or body that breaks a constraint: the first one, named. */
  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ApiError> invalidArguments(HandlerMethodValidationException e) {
    String message =
        e.getParameterValidationResults().stream()
            .findFirst()
            .map(
                result -> {
                  for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    if (error instanceof FieldError field) {
                      return "'%s' %s".formatted(field.getField(), field.getDefaultMessage());
                    }
                    return "'%s' %s"
                        .formatted(name(result.getMethodParameter()), error.getDefaultMessage());
                  }
                  return "'%s' is not valid".formatted(name(result.getMethodParameter()));
                })
            .orElse("The request is not valid");
    return ResponseEntity.badRequest().body(new ApiError("bad_request", message));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    String expected =
        type == long.class || type == Long.class || type == int.class || type == Integer.class
            ? "a whole number"
            : "a valid value";
    return ResponseEntity.badRequest()
        .body(new ApiError("bad_request", "'%s' must be %s".formatted(e.getName(), expected)));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError("bad_request", "Header " + e.getHeaderName() + " is required"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError("bad_request", "Parameter '" + e.getParameterName() + "' is required"));
  }

  @ExceptionHandler(ServletRequestBindingException.class)
  ResponseEntity<ApiError> binding(ServletRequestBindingException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError("bad_request", "The request's parameters or headers are not valid"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(new ApiError("unsupported_media_type", "Send the body as application/json"));
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ApiError> multipart(MultipartException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .body(new ApiError("unsupported_media_type", "Send the body as application/json"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<String> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    // the client accepts no JSON, so the error cannot be written as JSON either
    return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    Set<HttpMethod> supported = Optional.ofNullable(e.getSupportedHttpMethods()).orElse(Set.of());
    String allowed =
        supported.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    HttpHeaders headers = new HttpHeaders();
    if (!supported.isEmpty()) {
      headers.setAllow(supported);
    }
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .headers(headers)
        .body(
            new ApiError(
                "method_not_allowed",
                supported.isEmpty()
                    ? "This method is not allowed here"
                    : "This method is not allowed here; use " + allowed));
  }

  @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
  ResponseEntity<ApiError> noResource(Exception e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(new ApiError("not_found", "There is nothing at this address"));
  }

  /**
   * The ledger refused a posting beyond its limit (anywhere a controller does not say more): a 400
   * naming 'points', as SPEC §8 asks. Arithmetic overflow elsewhere is a bug and stays a 500.
   */
  @ExceptionHandler(BalanceLimitException.class)
  ResponseEntity<ApiError> balanceLimit(BalanceLimitException e) {
    return ResponseEntity.badRequest()
        .body(
            new ApiError(
                "bad_request",
                "'points' would take the balance beyond what the ledger allows (plus or minus %d)"
                    .formatted(LedgerLimits.MAX_BALANCE)));
  }

  /**
   * A write under a customer id a privacy redaction erased: the old id is 404 (SPEC §9), for writes
   * too; nothing was written.
   */
  @ExceptionHandler(CustomerErasedException.class)
  ResponseEntity<ApiError> customerErased(CustomerErasedException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(new ApiError("not_found", e.getMessage()));
  }

  /**
   * Temporal could not be reached (unavailable, timed out, rate limited): 503, try again. Any other
   * refusal by the server (e.g. a search attribute it does not know, a namespace that does not
   * exist) is not an outage: 502, and the log says what the server said.
   */
  @ExceptionHandler({WorkflowServiceException.class, StatusRuntimeException.class})
  ResponseEntity<ApiError> temporalDown(RuntimeException e) {
    Status.Code code = grpcCode(e);
    if (code == null
        || code == Status.Code.UNAVAILABLE
        || code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.CANCELLED
        || code == Status.Code.RESOURCE_EXHAUSTED) {
      log.warn("Temporal call failed ({}): {}", code, e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(
              new ApiError(
                  "temporal_unavailable",
                  "The workflow service cannot be reached right now; nothing was started. Try again shortly."));
    }
    log.error("Temporal refused the call ({})", code, e);
    return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
        .body(
            new ApiError(
                "temporal_refused",
                "The workflow service refused the request; nothing was started. Operators: see the log."));
  }

  private static Status.Code grpcCode(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
    }
    return null;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    log.error("unexpected error", e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(
            new ApiError(
                "internal_error", "Something went wrong on our side; it has been logged."));
  }

  private static String name(MethodParameter parameter) {
    PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
    if (path != null && !path.name().isEmpty()) {
      return path.name();
    }
    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
    if (param != null && !param.name().isEmpty()) {
      return param.name();
    }
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null && !header.name().isEmpty()) {
      return header.name();
    }
    return String.valueOf(parameter.getParameterName());
  }
}
