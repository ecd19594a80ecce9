package io.pointsaga.local.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * In-memory state of the simulated Shopify-compatible platform of the embedded mode (SPEC §7): the
 * registered shops with their discount codes, pending faults and call counters. Thread-safe: the
 * shop map is concurrent and each {@link SimulatedShop} guards its own state.
 */
@Component
public class SimulatedPlatform {

  private static final String DISCOUNT_ID_PREFIX = "gid://shopify/DiscountCodeNode/";

  private final Map<String, SimulatedShop> shopsByDomain = new ConcurrentHashMap<>();
  private static final String SUBSCRIPTION_ID_PREFIX = "gid://shopify/WebhookSubscription/";

  private final AtomicLong lastDiscountNumber = new AtomicLong();
  private final AtomicLong lastSubscriptionNumber = new AtomicLong();
  private final Clock clock = Clock.systemUTC();

  /**
   * Registers a shop whose Admin API accepts the given access token. Registering a shop again
   * replaces its token and keeps its discount codes.
   */
  public void registerShop(String shopDomain, String accessToken) {
    requireText(shopDomain, "shopDomain");
    requireText(accessToken, "accessToken");
    shopsByDomain.compute(
        keyOf(shopDomain),
        (key, existing) -> {
          if (existing == null) {
            return new SimulatedShop(key, accessToken);
          }
          existing.replaceAccessToken(accessToken);
          return existing;
        });
  }

  /** The shop, or {@link UnknownShopException} (answered as 404) when it is not registered. */
  SimulatedShop shop(String shopDomain) {
    return Optional.ofNullable(shopsByDomain.get(keyOf(shopDomain)))
        .orElseThrow(() -> new UnknownShopException(shopDomain));
  }

  Optional<SimulatedDiscountCode> createDiscountCode(
      SimulatedShop shop, String code, String title, BigDecimal amount) {
    return shop.createDiscountCode(code, title, amount, this::nextDiscountId, now());
  }

  Optional<SimulatedWebhookSubscription> subscribe(
      SimulatedShop shop, String topic, String uri, String format) {
    return shop.subscribe(
        topic,
        uri,
        format,
        () -> SUBSCRIPTION_ID_PREFIX + lastSubscriptionNumber.incrementAndGet());
  }

  private String nextDiscountId() {
    return DISCOUNT_ID_PREFIX + lastDiscountNumber.incrementAndGet();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String keyOf(String shopDomain) {
    return shopDomain.trim().toLowerCase(Locale.ROOT);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
