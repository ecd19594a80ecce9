package io.pointsaga.local.sandbox;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers of a simulated platform API as {@link DeferredResult}s, so that a TIMEOUT fault holds no
 * request thread while it keeps the client waiting; platform-neutral.
 */
final class DeferredAnswers {

  /**
   * Extra time the container grants a delayed answer before it would time the request out itself.
   */
  private static final long ASYNC_TIMEOUT_MARGIN_MILLIS = 30_000;

  private DeferredAnswers() {}

  static <T> DeferredResult<ResponseEntity<T>> now(ResponseEntity<T> answer) {
    DeferredResult<ResponseEntity<T>> result = new DeferredResult<>();
    result.setResult(answer);
    return result;
  }

  static <T> DeferredResult<ResponseEntity<T>> after(Duration delay, ResponseEntity<T> answer) {
    long delayMillis = delay.toMillis();
    DeferredResult<ResponseEntity<T>> result =
        new DeferredResult<>(delayMillis + ASYNC_TIMEOUT_MARGIN_MILLIS, answer);
    CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
        .execute(() -> result.setResult(answer));
    return result;
  }

  /** Cuts the connection mid-response; null, as there is nothing left to answer. */
  static <T> DeferredResult<ResponseEntity<T>> reset(HttpServletResponse response)
      throws IOException {
    ConnectionCutter.cut(response);
    return null;
  }
}
