package io.pointsaga.platform;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Builds the Temporal failures the adapters throw. Each message says what happened, to which shop
 * and operation, and what happens next or what an operator must do.
 */
final class PlatformFailures {

  private static final String WILL_RETRY = "The activity will retry with backoff.";
  private static final String NOT_RETRYING =
      "Not retrying: check the reward and the shop's settings on the platform.";

  private PlatformFailures() {}

  /** The failure for a non-2xx answer that the caller has no special meaning for. */
  static ApplicationFailure forStatus(PlatformCall call, PlatformResponse response) {
    int status = response.status();
    if (status == 429) {
      return throttled(
          call, "HTTP 429", RetryDelays.fromHeaders(response.headers(), Instant.now()));
    }
    if (status == 401 || status == 403) {
      return credentialsRejected(call, "HTTP " + status + ": " + response.excerpt());
    }
    if (status >= 500) {
      return unavailable(
          String.format(
              "%s answered HTTP %d to %s: %s. The platform is having trouble.",
              call.platformName(), status, call.describe(), response.excerpt()),
          null);
    }
    return rejected(call, "HTTP " + status + ": " + response.excerpt());
  }

  static ApplicationFailure throttled(PlatformCall call, String signal, Duration delay) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.THROTTLED)
        .setMessage(
            String.format(
                "%s throttled the request to %s (%s). Retrying in %s as the platform asked.",
                call.platformName(), call.describe(), signal, readable(delay)))
        .setNextRetryDelay(delay)
        .build();
  }

  private static ApplicationFailure credentialsRejected(PlatformCall call, String signal) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.CREDENTIALS_REJECTED)
        .setMessage(
            String.format(
                "%s rejected the API credentials of shop %s (%s) while trying to %s. An admin must"
                    + " update the shop's access token (one allowed to %s); not retrying until"
                    + " then.",
                call.platformName(),
                call.shopDomain(),
                signal,
                call.operation(),
                call.tokenScope()))
        .setNonRetryable(true)
        .build();
  }

  static ApplicationFailure missingCredentials(PlatformCall call) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.CREDENTIALS_REJECTED)
        .setMessage(
            String.format(
                "Shop %s has no %s access token stored, so cannot %s. An admin must set the"
                    + " shop's access token; not retrying until then.",
                call.shopDomain(), call.platformName(), call.operation()))
        .setNonRetryable(true)
        .build();
  }

  static ApplicationFailure rejected(PlatformCall call, String reason) {
    return rejected(call, reason, NOT_RETRYING);
  }

  /** Like {@link #rejected(PlatformCall, String)}, with the caller's advice on what to check. */
  static ApplicationFailure rejected(PlatformCall call, String reason, String notRetrying) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.REJECTED)
        .setMessage(
            String.format(
                "%s refused to %s: %s. %s",
                call.platformName(), call.describe(), reason, notRetrying))
        .setNonRetryable(true)
        .build();
  }

  /** Our side of the call is wrong (input or the shop's stored settings); never retried. */
  static ApplicationFailure invalid(PlatformCall call, String reason) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.REJECTED)
        .setMessage(
            String.format(
                "Cannot %s: %s. Not retrying: the request or the shop's platform settings must be"
                    + " fixed first.",
                call.describe(), reason))
        .setNonRetryable(true)
        .build();
  }

  /** A platform outage or a transient inconsistency: retried with the activity's backoff. */
  static ApplicationFailure unavailable(String what, Throwable cause) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.UNAVAILABLE)
        .setMessage(what + " " + WILL_RETRY)
        .setCause(cause)
        .build();
  }

  /** An answer in a shape the adapter does not understand, e.g. a proxy's error page. */
  static ApplicationFailure unexpected(PlatformCall call, String what) {
    return unavailable(
        String.format(
            "%s answered %s with an unexpected body: %s.",
            call.platformName(), call.describe(), what),
        null);
  }

  static ApplicationFailure unreadable(PlatformCall call, PlatformResponse response, String why) {
    return unavailable(
        String.format(
            "%s answered %s with %s (HTTP %d): %s.",
            call.platformName(), call.describe(), why, response.status(), response.excerpt()),
        null);
  }

  static ApplicationFailure transportFailed(
      PlatformCall call, IOException e, PlatformHttpSettings settings) {
    String what;
    if (e instanceof HttpConnectTimeoutException) {
      what =
          String.format(
              "Could not connect to %s within %s to %s.",
              call.platformName(), readable(settings.connectTimeout()), call.describe());
    } else if (e instanceof HttpTimeoutException) {
      what =
          String.format(
              "%s did not answer within %s to %s.",
              call.platformName(), readable(settings.requestTimeout()), call.describe());
    } else {
      what =
          String.format(
              "The connection to %s was cut or refused (%s) while trying to %s.",
              call.platformName(), e, call.describe());
    }
    return unavailable(what, e);
  }

  static ApplicationFailure interrupted(PlatformCall call, InterruptedException e) {
    return unavailable(
        String.format(
            "The worker was interrupted (shutting down?) while waiting for %s to %s.",
            call.platformName(), call.describe()),
        e);
  }

  static ApplicationFailure unknownShop(String shopDomain, String operation) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.UNKNOWN_SHOP)
        .setMessage(
            String.format(
                "Shop %s has no platform account in PointSaga, so cannot %s. Check the shop"
                    + " domain or connect the shop first; not retrying.",
                shopDomain, operation))
        .setNonRetryable(true)
        .build();
  }

  /** The shop uninstalled PointSaga: nothing is sent to its platform any more. */
  static ApplicationFailure shopUninstalled(PlatformCall call) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.SHOP_UNINSTALLED)
        .setMessage(
            String.format(
                "Shop %s has uninstalled PointSaga, so PointSaga no longer calls %s to %s. Not"
                    + " retrying: if the merchant installs PointSaga again, an admin can redo"
                    + " this by hand on the platform.",
                call.shopDomain(), call.platformName(), call.operation()))
        .setNonRetryable(true)
        .build();
  }

  private static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
