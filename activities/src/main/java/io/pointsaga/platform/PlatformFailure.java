package io.pointsaga.platform;

/**
 * Failure types that platform adapters raise as Temporal {@code ApplicationFailure}s. The type is
 * what the workflow's retry policy and operators see, so the names are part of the contract.
 */
public final class PlatformFailure {
  /** 429 or GraphQL THROTTLED: retry after the platform's delay (next retry delay is set). */
  public static final String THROTTLED = "PlatformThrottled";

  /** 5xx, timeout, connection reset: retry with backoff. */
  public static final String UNAVAILABLE = "PlatformUnavailable";

  /** 401 / 403: the shop's API credentials were rejected; never retried. */
  public static final String CREDENTIALS_REJECTED = "PlatformCredentialsRejected";

  /** userErrors or another 4xx: the platform refused the request as made; never retried. */
  public static final String REJECTED = "PlatformRejected";

  /** The shop is not known to this service; never retried. */
  public static final String UNKNOWN_SHOP = "UnknownShop";

  /**
   * The merchant uninstalled PointSaga: the platform is no longer called for the shop; never
   * retried.
   */
  public static final String SHOP_UNINSTALLED = "ShopUninstalled";

  private PlatformFailure() {}
}
