package io.pointsaga.starter.install;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.shop.ShopInstallation;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.webhook.WebhookAddresses;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * The BigCommerce single-click app's callbacks (SPEC §9): {@code auth} exchanges the code and
 * installs the store, {@code load} tells whether it is installed, {@code uninstall} uninstalls it.
 * Browser callbacks from the control panel, not part of the JSON API's OpenAPI document.
 */
@RestController
@EnableConfigurationProperties(BigCommerceAppProperties.class)
class BigCommerceAppController {
  private static final Logger log = LoggerFactory.getLogger(BigCommerceAppController.class);

  static final String AUTH_PATH = "/bigcommerce/auth";

  private static final Pattern CONTEXT = Pattern.compile("^stores/([a-z0-9]+)$");

  /** 32 random bytes, URL-safe base64, sent by BigCommerce in a custom header of each hook. */
  private static final int WEBHOOK_SECRET_BYTES = 32;

  enum StoreStatus {
    INSTALLED,
    UNINSTALLED,
    NOT_INSTALLED
  }

  record InstalledStoreView(
      String domain, String adminToken, List<WebhookSubscription> webhookSubscriptions) {
    @Override
    public String toString() {
      return "InstalledStoreView[" + domain + "]";
    }
  }

  record StoreStatusView(String domain, StoreStatus status) {}

  private final BigCommerceAppProperties app;
  private final OAuthHttp http;
  private final ShopInstallation installation;
  private final Shops shops;
  private final WebhookAddresses publicAddresses;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  BigCommerceAppController(
      BigCommerceAppProperties app,
      OAuthHttp http,
      ShopInstallation installation,
      Shops shops,
      WebhookAddresses publicAddresses,
      Clock clock) {
    this.app = app;
    this.http = http;
    this.installation = installation;
    this.shops = shops;
    this.publicAddresses = publicAddresses;
    this.clock = clock;
  }

  /** The merchant's browser lands here: a page for it, JSON for any other client. */
  @GetMapping(AUTH_PATH)
  ResponseEntity<?> auth(
      @RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "scope", required = false) String scope,
      @RequestParam(name = "context", required = false) String context,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    return BrowserAnswers.answer(
        accept,
        () -> install(code, scope, context),
        installed ->
            InstallPages.installed(
                installed.domain(),
                installed.adminToken(),
                installed.webhookSubscriptions(),
                adminPage(),
                "BigCommerce"));
  }

  private ResponseEntity<InstalledStoreView> install(String code, String scope, String context) {
    requireConfigured();
    if (code == null || code.isBlank() || scope == null || context == null) {
      throw ApiException.badRequest(
          "'code', 'scope' and 'context' are required: install the app again from BigCommerce.");
    }
    String hash = storeHash(context);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("client_id", app.clientId());
    body.put("client_secret", app.clientSecret());
    body.put("code", code);
    body.put("scope", scope);
    body.put("grant_type", "authorization_code");
    body.put("redirect_uri", publicAddresses.publicUrl() + AUTH_PATH);
    body.put("context", context);
    JsonNode token = http.exchange("BigCommerce", app.tokenUrl(), body);
    if (!context.equals(token.path("context").asText(context))) {
      throw new ApiException(
          HttpStatus.BAD_GATEWAY,
          "platform_error",
          "BigCommerce granted a token for another store than "
              + context
              + ". Nothing was installed.");
    }
    ShopInstallation.Installed installed =
        installation.install(
            new ShopInstallation.Installation(
                domainOf(hash),
                PlatformKind.BIGCOMMERCE,
                token.get("access_token").asText(),
                newWebhookSecret(),
                app.apiBaseUrl() + "/stores/" + hash,
                null));
    log.info("store {} installed through the BigCommerce app", installed.shop().domain());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new InstalledStoreView(
                installed.shop().domain(),
                installed.adminToken(),
                installed.webhookSubscriptions()));
  }

  /** The merchant opens the app in the control panel: a page for a browser, JSON otherwise. */
  @GetMapping("/bigcommerce/load")
  ResponseEntity<?> load(
      @RequestParam(name = "signed_payload_jwt", required = false) String signedPayload,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    return BrowserAnswers.answer(
        accept,
        () -> ResponseEntity.ok(status(signedPayload)),
        view -> InstallPages.storeStatus(view.domain(), view.status(), adminPage()));
  }

  private StoreStatusView status(String signedPayload) {
    requireConfigured();
    String domain = domainOf(verified(signedPayload).storeHash());
    StoreStatus status =
        shops
            .findByDomain(domain)
            .map(shop -> shop.active() ? StoreStatus.INSTALLED : StoreStatus.UNINSTALLED)
            .orElse(StoreStatus.NOT_INSTALLED);
    return new StoreStatusView(domain, status);
  }

  private String adminPage() {
    return publicAddresses.publicUrl() + "/admin/";
  }

  @GetMapping("/bigcommerce/uninstall")
  StoreStatusView uninstall(
      @RequestParam(name = "signed_payload_jwt", required = false) String signedPayload) {
    requireConfigured();
    String domain = domainOf(verified(signedPayload).storeHash());
    Shop shop =
        shops
            .findByDomain(domain)
            .orElseThrow(() -> ApiException.notFound("Store " + domain + " is not installed."));
    installation.uninstall(shop);
    return new StoreStatusView(domain, StoreStatus.UNINSTALLED);
  }

  private SignedPayloadJwt.StorePayload verified(String signedPayload) {
    try {
      return SignedPayloadJwt.verify(
          signedPayload, app.clientSecret(), app.clientId(), clock.instant());
    } catch (SignedPayloadJwt.RejectedJwtException e) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "signed_payload_rejected",
          "The signed_payload_jwt was refused ("
              + e.rejection()
              + "): it must be signed with the app's client secret and unexpired."
              + " Open the app again from the BigCommerce control panel.");
    }
  }

  private void requireConfigured() {
    if (!app.configured()) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "not_configured",
          "The BigCommerce app is not configured on this node: set BIGCOMMERCE_CLIENT_ID and"
              + " BIGCOMMERCE_CLIENT_SECRET.");
    }
  }

  private static String storeHash(String context) {
    Matcher store = CONTEXT.matcher(context);
    if (!store.matches()) {
      throw ApiException.badRequest("'context' must be stores/{hash}, e.g. stores/abc123");
    }
    return store.group(1);
  }

  private static String domainOf(String storeHash) {
    return "store-" + storeHash + ".mybigcommerce.com";
  }

  private String newWebhookSecret() {
    byte[] bytes = new byte[WEBHOOK_SECRET_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
