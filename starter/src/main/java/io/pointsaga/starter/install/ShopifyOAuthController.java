package io.pointsaga.starter.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.starter.shop.ShopInstallation;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.webhook.WebhookAddresses;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Shopify OAuth install (SPEC §9): {@code /shopify/install} sends the merchant to the shop's
 * authorize page with a state nonce; {@code /shopify/callback} checks the hmac and the nonce,
 * exchanges the code for an access token and installs the shop. Browser redirects, not part of the
 * JSON API's OpenAPI document (springdoc matches {@code /api/**} and {@code /webhooks/**} only).
 */
@RestController
@EnableConfigurationProperties(ShopifyAppProperties.class)
class ShopifyOAuthController {
  private static final Logger log = LoggerFactory.getLogger(ShopifyOAuthController.class);

  static final String CALLBACK_PATH = "/shopify/callback";

  record InstalledShopView(
      String domain, String adminToken, List<WebhookSubscription> webhookSubscriptions) {
    @Override
    public String toString() {
      return "InstalledShopView[" + domain + "]";
    }
  }

  private final ShopifyAppProperties app;
  private final ShopifyShopAddresses addresses;
  private final OAuthStates states;
  private final OAuthHttp http;
  private final ShopInstallation installation;
  private final WebhookAddresses publicAddresses;

  ShopifyOAuthController(
      ShopifyAppProperties app,
      ShopifyShopAddresses addresses,
      OAuthStates states,
      OAuthHttp http,
      ShopInstallation installation,
      WebhookAddresses publicAddresses) {
    this.app = app;
    this.addresses = addresses;
    this.states = states;
    this.http = http;
    this.installation = installation;
    this.publicAddresses = publicAddresses;
  }

  @GetMapping("/shopify/install")
  ResponseEntity<Void> install(@RequestParam(name = "shop", required = false) String shop) {
    requireConfigured();
    String domain = normalised(shop);
    String apiBase = baseOf(domain);
    String state = states.issue(domain, app.stateTtl());
    URI authorize =
        UriComponentsBuilder.fromUriString(apiBase + "/admin/oauth/authorize")
            .queryParam("client_id", app.apiKey())
            .queryParam("scope", app.scopes())
            .queryParam("redirect_uri", publicAddresses.publicUrl() + CALLBACK_PATH)
            .queryParam("state", state)
            .encode()
            .build()
            .toUri();
    return ResponseEntity.status(HttpStatus.FOUND).location(authorize).build();
  }

  /** The merchant's browser lands here: a page for it, JSON for any other client. */
  @GetMapping(CALLBACK_PATH)
  ResponseEntity<?> callback(
      @RequestParam Map<String, String> query,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    return BrowserAnswers.answer(
        accept,
        () -> installFromCallback(query),
        installed ->
            InstallPages.installed(
                installed.domain(),
                installed.adminToken(),
                installed.webhookSubscriptions(),
                publicAddresses.publicUrl() + "/admin/",
                "Shopify"));
  }

  private ResponseEntity<InstalledShopView> installFromCallback(Map<String, String> query) {
    requireConfigured();
    if (!ShopifyQueryHmac.verify(query, app.apiSecret())) {
      throw rejected("The callback's hmac does not match the app's API secret.");
    }
    String domain = normalised(query.get("shop"));
    String apiBase = baseOf(domain);
    String state = query.get("state");
    if (state == null || !states.consume(state, domain)) {
      throw rejected("The callback's state is unknown, expired, already used or for another shop.");
    }
    String code = query.get("code");
    if (code == null || code.isBlank()) {
      throw ApiException.badRequest("The callback has no 'code'. Start the install again.");
    }
    JsonNode token =
        http.exchange(
            "Shopify",
            apiBase + "/admin/oauth/access_token",
            Map.of("client_id", app.apiKey(), "client_secret", app.apiSecret(), "code", code));
    // Shopify signs every webhook of an app with the app's API secret.
    ShopInstallation.Installed installed =
        installation.install(
            new ShopInstallation.Installation(
                domain,
                PlatformKind.SHOPIFY,
                token.get("access_token").asText(),
                app.apiSecret(),
                apiBase,
                null));
    log.info("shop {} installed through Shopify OAuth", domain);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new InstalledShopView(
                installed.shop().domain(),
                installed.adminToken(),
                installed.webhookSubscriptions()));
  }

  private void requireConfigured() {
    if (!app.configured()) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "not_configured",
          "The Shopify app is not configured on this node: set SHOPIFY_API_KEY and"
              + " SHOPIFY_API_SECRET.");
    }
  }

  private static String normalised(String shop) {
    if (shop == null || shop.isBlank()) {
      throw ApiException.badRequest("'shop' is required, e.g. new-shop.myshopify.com");
    }
    return shop.strip().toLowerCase(Locale.ROOT);
  }

  private String baseOf(String domain) {
    return addresses
        .apiBaseUrl(domain)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "'shop' must be a Shopify shop domain such as new-shop.myshopify.com"));
  }

  private static ApiException rejected(String why) {
    return new ApiException(
        HttpStatus.UNAUTHORIZED, "oauth_rejected", why + " Nothing was installed.");
  }
}
