package io.pointsaga.starter.shop;

import io.pointsaga.platform.PlatformAccount;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.platform.PlatformShops;
import io.pointsaga.platform.ShopConnectionException;
import io.pointsaga.platform.ShopProfile;
import io.pointsaga.platform.WebhookEndpoint;
import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.shop.InstallResult;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.attention.SubscriptionAttention;
import io.pointsaga.starter.reconciliation.ReconciliationSagas;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.webhook.WebhookAddresses;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Installing and uninstalling shops (SPEC §9): the credentials are checked on the platform first,
 * the webhook subscriptions the product needs are registered there, then the shop is stored with a
 * new admin token, shown once. Uninstalling keeps the ledger.
 */
@Service
public class ShopInstallation {
  private static final Logger log = LoggerFactory.getLogger(ShopInstallation.class);

  /** 32 random bytes, URL-safe base64: 43 characters after the prefix. */
  private static final int TOKEN_BYTES = 32;

  private static final String TOKEN_PREFIX = "psa_";

  private static final Pattern BIGCOMMERCE_DOMAIN =
      Pattern.compile("^store-([a-z0-9]+)\\.mybigcommerce\\.com$");

  /**
   * What to install. Secrets are left out of {@link #toString()}.
   *
   * @param apiBaseUrl null: {@code https://{domain}} for Shopify, {@code
   *     https://api.bigcommerce.com/stores/{hash}} for a {@code store-{hash}.mybigcommerce.com}
   * @param currency null: the shop's currency as the platform reports it
   */
  public record Installation(
      String domain,
      PlatformKind platform,
      String accessToken,
      String webhookSecret,
      String apiBaseUrl,
      String currency) {
    @Override
    public String toString() {
      return "Installation[" + domain + " on " + platform + "]";
    }
  }

  /** The installed shop and its admin token, in clear this once. */
  public record Installed(
      Shop shop, String adminToken, List<WebhookSubscription> webhookSubscriptions) {
    @Override
    public String toString() {
      return "Installed[" + shop + "]";
    }
  }

  private final Shops shops;
  private final PlatformShops platforms;
  private final WebhookAddresses addresses;
  private final ReconciliationSagas reconciliation;
  private final TransactionTemplate tx;
  private final RunningSagaStops sagaStops;
  private final SubscriptionAttention attention;
  private final SecureRandom random = new SecureRandom();

  ShopInstallation(
      Shops shops,
      PlatformShops platforms,
      WebhookAddresses addresses,
      TransactionTemplate tx,
      RunningSagaStops sagaStops,
      SubscriptionAttention attention,
      ReconciliationSagas reconciliation) {
    this.shops = shops;
    this.platforms = platforms;
    this.addresses = addresses;
    this.reconciliation = reconciliation;
    this.tx = tx;
    this.sagaStops = sagaStops;
    this.attention = attention;
  }

  /**
   * Installs the shop: 409 when the domain is active, 422 when the platform rejects the
   * credentials, 502/503 when the platform refuses or cannot be reached; nothing is stored then.
   */
  public Installed install(Installation installation) {
    String domain = installation.domain().toLowerCase(Locale.ROOT);
    if (shops.findByDomain(domain).filter(Shop::active).isPresent()) {
      throw alreadyInstalled(domain);
    }
    PlatformAccount account =
        new PlatformAccount(
            domain,
            installation.platform(),
            apiBaseUrl(domain, installation),
            installation.accessToken());
    ShopProfile profile = connect(account, () -> platforms.checkCredentials(account), true);
    String currency =
        installation.currency() != null ? installation.currency() : profile.currency();
    List<WebhookSubscription> subscriptions =
        connect(
            account,
            () ->
                platforms.subscribe(
                    account,
                    addresses.endpointFor(installation.platform(), installation.webhookSecret())),
            true);
    String adminToken = newAdminToken();
    Shop shop =
        tx.execute(
            status -> {
              InstallResult result =
                  shops.install(
                      domain,
                      installation.platform(),
                      account.apiBaseUrl(),
                      installation.accessToken(),
                      installation.webhookSecret(),
                      currency);
              if (!(result instanceof InstallResult.Installed installed)) {
                throw alreadyInstalled(domain);
              }
              shops.addAdminToken(installed.shop().id(), adminToken, "installed by the operator");
              return installed.shop();
            });
    log.info("installed shop {} on {}", domain, installation.platform());
    try {
      reconciliation.start(domain);
    } catch (RuntimeException temporalDown) {
      log.warn(
          "reconciliation saga of shop {} not started (it starts at the next start-up or the next"
              + " POST .../reconciliations): {}",
          domain,
          temporalDown.getMessage());
    }
    return new Installed(shop, adminToken, subscriptions);
  }

  /**
   * The product's subscriptions as the shop's platform reports them now; a missing one is kept in
   * the shop's attention queue.
   */
  public List<WebhookSubscription> subscriptions(Shop shop) {
    List<WebhookSubscription> now =
        connect(
            shop.platformAccount(),
            () -> platforms.subscriptions(shop.platformAccount(), endpointOf(shop)),
            false);
    attention.record(shop, now);
    return now;
  }

  /** Creates the missing subscriptions again; answers the list afterwards. */
  public List<WebhookSubscription> repair(Shop shop) {
    List<WebhookSubscription> now =
        connect(
            shop.platformAccount(),
            () -> platforms.subscribe(shop.platformAccount(), endpointOf(shop)),
            false);
    attention.record(shop, now);
    return now;
  }

  /**
   * Uninstalls the shop: its admin tokens stop working, its webhooks are ignored, its running sagas
   * are told to stop calling the platform (and any later platform call of theirs fails with
   * ShopUninstalled); the ledger stays. Answers false if it was not active.
   */
  public boolean uninstall(Shop shop) {
    boolean changed = shops.uninstall(shop.id());
    if (changed) {
      log.info("uninstalled shop {}", shop.domain());
      sagaStops.stopAll(shop);
      try {
        reconciliation.stop(shop.domain());
      } catch (RuntimeException temporalDown) {
        // the saga sees the shop uninstalled at its next wake and ends by itself
        log.warn(
            "reconciliation saga of shop {} not stopped now (it ends at its next wake): {}",
            shop.domain(),
            temporalDown.getMessage());
      }
    }
    return changed;
  }

  private WebhookEndpoint endpointOf(Shop shop) {
    return addresses.endpointFor(shop.platform(), shop.webhookSecret());
  }

  private static String apiBaseUrl(String domain, Installation installation) {
    if (installation.apiBaseUrl() != null) {
      return installation.apiBaseUrl();
    }
    return switch (installation.platform()) {
      case SHOPIFY -> "https://" + domain;
      case BIGCOMMERCE -> {
        Matcher store = BIGCOMMERCE_DOMAIN.matcher(domain);
        if (!store.matches()) {
          throw ApiException.badRequest(
              "'apiBaseUrl' is required for a BigCommerce store whose domain is not"
                  + " store-{hash}.mybigcommerce.com: send https://api.bigcommerce.com/stores/{hash}");
        }
        yield "https://api.bigcommerce.com/stores/" + store.group(1);
      }
    };
  }

  private String newAdminToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ApiException alreadyInstalled(String domain) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "shop_exists",
        "Shop " + domain + " is already installed. Uninstall it first to install it again.");
  }

  private static <T> T connect(PlatformAccount account, Supplier<T> call, boolean installing) {
    try {
      return call.get();
    } catch (ShopConnectionException e) {
      throw asApiError(account, e, installing);
    }
  }

  private static ApiException asApiError(
      PlatformAccount account, ShopConnectionException e, boolean installing) {
    String platform = account.platform() == PlatformKind.SHOPIFY ? "Shopify" : "BigCommerce";
    String nothingStored = installing ? " Nothing was stored." : "";
    return switch (e.problem()) {
      case CREDENTIALS_REJECTED ->
          new ApiException(
              installing ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_GATEWAY,
              "platform_credentials_rejected",
              platform
                  + " rejected the access token of shop "
                  + account.shopDomain()
                  + "."
                  + nothingStored
                  + " Check the token and that it may read orders and manage webhooks.");
      case UNAVAILABLE ->
          new ApiException(
              HttpStatus.SERVICE_UNAVAILABLE,
              "platform_unavailable",
              platform
                  + " could not be reached for shop "
                  + account.shopDomain()
                  + " or is having trouble."
                  + nothingStored
                  + " Try again in a few minutes.");
      case REFUSED ->
          new ApiException(
              HttpStatus.BAD_GATEWAY,
              "platform_error",
              Optional.ofNullable(e.getMessage()).orElse(platform + " refused a request.")
                  + nothingStored);
    };
  }
}
