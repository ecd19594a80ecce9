package io.pointsaga.redemption;

import io.pointsaga.platform.PlatformFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/** Failures shaped like the ones the real adapters and the ledger throw. */
final class Failures {
  private Failures() {}

  static ApplicationFailure serverError() {
    return ApplicationFailure.newFailure(
        "Shopify answered HTTP 500 to revoke code PTS-TEST: Internal Server Error.",
        PlatformFailure.UNAVAILABLE);
  }

  static ApplicationFailure timedOut() {
    return ApplicationFailure.newFailure(
        "Shopify did not answer within 10 s to the discount code request.",
        PlatformFailure.UNAVAILABLE);
  }

  static ApplicationFailure connectionReset() {
    return ApplicationFailure.newFailure(
        "The connection to Shopify was cut or refused (java.io.IOException: Connection reset).",
        PlatformFailure.UNAVAILABLE);
  }

  /** A 429 whose Retry-After replaces the activity's backoff for the next attempt. */
  static ApplicationFailure throttled(Duration retryAfter) {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.THROTTLED)
        .setMessage("Shopify throttled the request (HTTP 429). Retrying in " + retryAfter + ".")
        .setNextRetryDelay(retryAfter)
        .build();
  }

  static ApplicationFailure credentialsRejected() {
    return ApplicationFailure.newBuilder()
        .setType(PlatformFailure.CREDENTIALS_REJECTED)
        .setMessage(
            "Shopify rejected the API credentials of shop demo-shop.myshopify.com (HTTP 401)")
        .setNonRetryable(true)
        .build();
  }

  /** What the adapters throw, before any call, for a shop that uninstalled PointSaga. */
  static ApplicationFailure shopUninstalled() {
    return ApplicationFailure.newNonRetryableFailure(
        "Shop demo-shop.myshopify.com has uninstalled PointSaga: the platform is no longer called.",
        PlatformFailure.SHOP_UNINSTALLED);
  }

  static ApplicationFailure redemptionNotFound() {
    return ApplicationFailure.newNonRetryableFailure(
        "Redemption rdm_missing does not exist in shop demo-shop.myshopify.com",
        RedemptionActivitiesImpl.REDEMPTION_NOT_FOUND);
  }

  /** What a ledger activity reports for a posting beyond the balance limits: non-retryable. */
  static ApplicationFailure balanceLimit() {
    return ApplicationFailure.newNonRetryableFailure(
        "Refused: moving 500 points would take the balance of customer cust-42 beyond the limit of plus or minus 1000000000000000 points; nothing was booked.",
        "BalanceLimit");
  }

  /** What a JDBC call throws while PostgreSQL is down: retryable, with the class name as type. */
  static RuntimeException databaseDown() {
    return new IllegalStateException("Connection to localhost:5432 refused: database is down");
  }
}
