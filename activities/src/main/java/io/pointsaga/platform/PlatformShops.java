package io.pointsaga.platform;

import io.temporal.failure.ApplicationFailure;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A shop's connection to its platform, for installing it (SPEC §9): checks credentials and keeps
 * the webhook subscriptions the product needs. Called from web requests, not from sagas, so
 * failures come as {@link ShopConnectionException}s rather than Temporal failures.
 */
@Component
public class PlatformShops {
  private static final Logger log = LoggerFactory.getLogger(PlatformShops.class);

  private final Map<PlatformKind, ShopPlatformClient> clients = new EnumMap<>(PlatformKind.class);

  public PlatformShops(PlatformHttpSettings settings) {
    PlatformHttp http = new PlatformHttp(settings);
    clients.put(PlatformKind.SHOPIFY, new ShopifyShopClient(http));
    clients.put(PlatformKind.BIGCOMMERCE, new BigCommerceStoreClient(http));
  }

  /** Reads the shop with its credentials: proves they work before anything is stored. */
  public ShopProfile checkCredentials(PlatformAccount account) {
    return call(() -> clientFor(account).profile(account));
  }

  /** The product's subscriptions as the platform reports them now. */
  public List<WebhookSubscription> subscriptions(
      PlatformAccount account, WebhookEndpoint endpoint) {
    return call(() -> clientFor(account).subscriptions(account, endpoint));
  }

  /** Creates the missing subscriptions, keeps the others; answers the list afterwards. */
  public List<WebhookSubscription> subscribe(PlatformAccount account, WebhookEndpoint endpoint) {
    return call(() -> clientFor(account).subscribe(account, endpoint));
  }

  private ShopPlatformClient clientFor(PlatformAccount account) {
    if (!account.installed()) {
      throw PlatformFailures.shopUninstalled(
          PlatformCall.of(account, "manage", "webhook", "subscriptions", ""));
    }
    return clients.get(account.platform());
  }

  private static <T> T call(Supplier<T> platformCall) {
    try {
      return platformCall.get();
    } catch (ApplicationFailure failure) {
      log.info("shop connection failed: {}", failure.getOriginalMessage());
      throw new ShopConnectionException(problemOf(failure.getType()), failure.getOriginalMessage());
    }
  }

  private static ShopConnectionException.Problem problemOf(String failureType) {
    return switch (failureType) {
      case PlatformFailure.CREDENTIALS_REJECTED ->
          ShopConnectionException.Problem.CREDENTIALS_REJECTED;
      case PlatformFailure.UNAVAILABLE, PlatformFailure.THROTTLED ->
          ShopConnectionException.Problem.UNAVAILABLE;
      default -> ShopConnectionException.Problem.REFUSED;
    };
  }
}
