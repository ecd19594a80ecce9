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

  /**
   * Order, line item and refund ids, numeric like Shopify's REST ids; started from the clock so
   * that a restarted embedded mode never reuses an id its database already holds.
   */
  private final AtomicLong lastResourceId = new AtomicLong(System.currentTimeMillis() * 100);

  private final AtomicLong lastSubscriptionNumber = new AtomicLong();
  private final Clock clock = Clock.systemUTC();

  /**
   * The webhook secret of a shop created without one: the API secret of the app the simulated
   * platform signs webhooks for. Install such a shop in PointSaga with this secret.
   */
  public static final String DEFAULT_WEBHOOK_SECRET = "sandbox-webhook-secret";

  /**
   * Registers a shop whose Admin API accepts the given access token and whose webhooks are signed
   * with {@link #DEFAULT_WEBHOOK_SECRET}. Registering a shop again replaces its token and keeps
   * everything else.
   */
  public void registerShop(String shopDomain, String accessToken) {
    registerShop(shopDomain, accessToken, null);
  }

  /**
   * As {@link #registerShop(String, String)}, signing webhooks with {@code webhookSecret}; null:
   * the default for a new shop, unchanged for an existing one.
   */
  public void registerShop(String shopDomain, String accessToken, String webhookSecret) {
    registerShop(shopDomain, SandboxPlatformKind.SHOPIFY, accessToken, webhookSecret);
  }

  /**
   * Registers a BigCommerce store whose API accepts the given {@code X-Auth-Token}. BigCommerce
   * signs no webhook: its hooks carry the headers the subscriber set. Registering it again replaces
   * its token and keeps everything else.
   */
  public void registerBigCommerceStore(String shopDomain, String accessToken) {
    registerShop(shopDomain, SandboxPlatformKind.BIGCOMMERCE, accessToken, null);
  }

  /**
   * Registers the shop on the given platform; 400 naming {@code platform} when the domain is
   * registered on the other one.
   */
  void registerShop(
      String shopDomain, SandboxPlatformKind kind, String accessToken, String webhookSecret) {
    requireText(shopDomain, "shopDomain");
    requireText(accessToken, "accessToken");
    if (webhookSecret != null) {
      requireText(webhookSecret, "webhookSecret");
    }
    shopsByDomain.compute(
        keyOf(shopDomain),
        (key, existing) -> {
          if (existing == null) {
            return new SimulatedShop(
                key,
                kind,
                accessToken,
                webhookSecret == null ? DEFAULT_WEBHOOK_SECRET : webhookSecret);
          }
          if (existing.platformKind() != kind) {
            throw InvalidSandboxRequestException.invalidField(
                "platform",
                "shop " + key + " exists on " + existing.platformKind() + ", not " + kind);
          }
          existing.replaceAccessToken(accessToken);
          if (webhookSecret != null) {
            existing.replaceWebhookSecret(webhookSecret);
          }
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

  /** A BigCommerce coupon: numeric ids, as the v2 API gives them. */
  Optional<SimulatedDiscountCode> createCoupon(
      SimulatedShop shop, String code, String name, BigDecimal amount) {
    return shop.createDiscountCode(
        code, name, amount, () -> String.valueOf(lastDiscountNumber.incrementAndGet()), now());
  }

  /** A hook id, numeric as BigCommerce's. */
  long nextHookId() {
    return lastSubscriptionNumber.incrementAndGet();
  }

  Optional<SimulatedWebhookSubscription> subscribe(
      SimulatedShop shop, String topic, String uri, String format) {
    return shop.subscribe(
        topic,
        uri,
        format,
        () -> SUBSCRIPTION_ID_PREFIX + lastSubscriptionNumber.incrementAndGet());
  }

  long nextResourceId() {
    return lastResourceId.incrementAndGet();
  }

  Instant nowForResources() {
    return now();
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
