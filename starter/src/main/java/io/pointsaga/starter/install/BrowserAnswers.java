package io.pointsaga.starter.install;

import io.pointsaga.starter.web.ApiException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The answer of a callback a merchant's browser lands on (Shopify's OAuth callback, BigCommerce's
 * auth and load): a small HTML page when the client asks for {@code text/html} by name, as browsers
 * do, the JSON answer otherwise. A failure keeps its status (401, 4xx, 5xx) and says, in the page,
 * what went wrong and what to do; never a stack trace. Pages are not cached: one shows the admin
 * token, once.
 */
final class BrowserAnswers {
  private static final Logger log = LoggerFactory.getLogger(BrowserAnswers.class);

  private BrowserAnswers() {}

  /**
   * Whether the Accept header names {@code text/html} (with a quality above zero) and prefers it to
   * JSON; a wildcard alone ({@code curl}'s {@code *}{@code /*}) is not a browser.
   */
  static boolean wantsHtml(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    List<MediaType> types;
    try {
      types = MediaType.parseMediaTypes(accept);
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    double html = quality(types, MediaType.TEXT_HTML);
    double json = quality(types, MediaType.APPLICATION_JSON);
    return html > 0 && html >= json;
  }

  /** The quality the client gives to {@code type} when it names it exactly; 0 when it does not. */
  private static double quality(List<MediaType> types, MediaType type) {
    return types.stream()
        .filter(t -> t.getType().equals(type.getType()) && t.getSubtype().equals(type.getSubtype()))
        .mapToDouble(MediaType::getQualityValue)
        .max()
        .orElse(0);
  }

  /**
   * Runs the callback: for a browser, its result or its failure as a page; otherwise the JSON
   * answer, failures left to the API's JSON error handling.
   */
  static <T> ResponseEntity<?> answer(
      String accept, Supplier<ResponseEntity<T>> callback, Function<T, CallbackPage> page) {
    if (!wantsHtml(accept)) {
      return callback.get();
    }
    try {
      ResponseEntity<T> result = callback.get();
      return html(result.getStatusCode(), page.apply(result.getBody()));
    } catch (ApiException e) {
      return html(e.status(), failure(e.status(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("install callback failed unexpectedly", e);
      return html(
          HttpStatus.INTERNAL_SERVER_ERROR,
          failure(
              HttpStatus.INTERNAL_SERVER_ERROR,
              "Something went wrong on our side; it has been logged. Try the installation again"
                  + " in a few minutes."));
    }
  }

  static CallbackPage failure(HttpStatusCode status, String message) {
    String title =
        status.value() == 401
            ? "The installation was refused"
            : status.is4xxClientError()
                ? "The installation could not be completed"
                : "The installation could not be completed right now";
    return new CallbackPage(
        title,
        List.of(
            CallbackPage.Paragraph.of(message),
            CallbackPage.Paragraph.of(
                "Start the installation again from the platform's app page; if it keeps"
                    + " failing, tell the PointSaga operator what this page says.")));
  }

  private static ResponseEntity<String> html(HttpStatusCode status, CallbackPage page) {
    return ResponseEntity.status(status)
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .body(page.html());
  }
}
