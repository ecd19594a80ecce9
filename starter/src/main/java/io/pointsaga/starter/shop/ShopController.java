package io.pointsaga.starter.shop;

import io.pointsaga.platform.PlatformKind;
import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.ShopStatus;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.OperatorAuthentication;
import io.pointsaga.starter.web.PathPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shops (SPEC §9). The operator installs and uninstalls them (operator token, see {@code
 * OperatorAuthentication}); a shop's admin sees and repairs its webhook subscriptions.
 */
@RestController
class ShopController {
  /** A host name with at least one dot: {@code new-shop.myshopify.com}. */
  static final String DOMAIN =
      "^(?=.{4,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

  static final String HTTP_URL = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$";

  private final ShopInstallation installation;
  private final Shops shops;

  ShopController(ShopInstallation installation, Shops shops) {
    this.installation = installation;
    this.shops = shops;
  }

  /**
   * @param apiBaseUrl optional: Shopify {@code https://{domain}}; BigCommerce {@code
   *     https://api.bigcommerce.com/stores/{hash}}
   * @param currency optional ISO 4217 code; the platform's currency of the shop when absent
   */
  record ShopInstallRequest(
      @NotBlank
          @Pattern(
              regexp = DOMAIN,
              message = "must be the shop's host name, e.g. new-shop.myshopify.com")
          String domain,
      @NotNull(message = "must be SHOPIFY or BIGCOMMERCE") PlatformKind platform,
      @NotBlank @Size(max = 1024) String accessToken,
      @NotBlank @Size(max = 1024) String webhookSecret,
      @Size(max = 2048) @Pattern(regexp = HTTP_URL, message = "must be an http(s) URL")
          String apiBaseUrl,
      @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD")
          String currency) {
    @Override
    public String toString() {
      return "ShopInstallRequest[" + domain + " on " + platform + "]"; // never print secrets
    }
  }

  record InstalledShopView(
      String domain, String adminToken, List<WebhookSubscription> webhookSubscriptions) {
    @Override
    public String toString() {
      return "InstalledShopView[" + domain + "]";
    }
  }

  record ShopStatusView(String domain, ShopStatus status) {}

  record WebhookSubscriptionsView(String shop, List<WebhookSubscription> webhookSubscriptions) {}

  @PostMapping(OperatorAuthentication.SHOPS_API)
  @ResponseStatus(HttpStatus.CREATED)
  InstalledShopView install(@Valid @RequestBody ShopInstallRequest request) {
    if (request.currency() != null && !isCurrency(request.currency())) {
      throw ApiException.badRequest("'currency' must be an ISO 4217 code such as USD");
    }
    ShopInstallation.Installed installed =
        installation.install(
            new ShopInstallation.Installation(
                request.domain(),
                request.platform(),
                request.accessToken(),
                request.webhookSecret(),
                request.apiBaseUrl(),
                request.currency()));
    return new InstalledShopView(
        installed.shop().domain(), installed.adminToken(), installed.webhookSubscriptions());
  }

  @DeleteMapping(OperatorAuthentication.SHOPS_API + "/{shop}")
  ShopStatusView uninstall(
      @PathVariable("shop") @Pattern(regexp = PathPatterns.SHOP, message = "must be a shop domain")
          String domain) {
    Shop shop =
        shops
            .findByDomain(domain.toLowerCase(Locale.ROOT))
            .or(() -> shops.findByDomain(domain))
            .orElseThrow(() -> ApiException.notFound("Shop " + domain + " not found."));
    installation.uninstall(shop);
    return new ShopStatusView(shop.domain(), ShopStatus.UNINSTALLED);
  }

  @GetMapping("/api/v1/shops/{shop}/webhook-subscriptions")
  WebhookSubscriptionsView subscriptions(Shop shop) {
    return new WebhookSubscriptionsView(shop.domain(), installation.subscriptions(shop));
  }

  @PostMapping("/api/v1/shops/{shop}/webhook-subscriptions/repair")
  WebhookSubscriptionsView repair(Shop shop) {
    return new WebhookSubscriptionsView(shop.domain(), installation.repair(shop));
  }

  private static boolean isCurrency(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
