package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pointsaga.starter.install.ShopifyAppProperties;
import io.pointsaga.starter.install.ShopifyQueryHmac;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Shopify's OAuth endpoints on the simulated shops (SPEC §9), for the app configured as {@code
 * pointsaga.shopify} (embedded mode: {@code DEMO_SHOPIFY_API_KEY} / {@code
 * DEMO_SHOPIFY_API_SECRET}). The merchant approves at once: authorize redirects back to the app
 * with a code and the hmac Shopify computes; the code buys a new access token of the shop, once.
 */
@RestController
// The app's key and secret are the starter's settings; the sandbox binds them itself, since it also
// runs alone (the separate platform process of the tests), without the starter.
@EnableConfigurationProperties(ShopifyAppProperties.class)
class SandboxShopifyOAuthController {

  record AccessTokenRequest(
      @JsonProperty("client_id") String clientId,
      @JsonProperty("client_secret") String clientSecret,
      String code) {
    @Override
    public String toString() {
      return "AccessTokenRequest[" + clientId + "]";
    }
  }

  record AccessTokenReply(@JsonProperty("access_token") String accessToken, String scope) {
    @Override
    public String toString() {
      return "AccessTokenReply[" + scope + "]";
    }
  }

  private record Grant(String shopDomain, String scope) {}

  private final SimulatedPlatform platform;
  private final ShopifyAppProperties app;
  private final Map<String, Grant> grantsByCode = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  SandboxShopifyOAuthController(SimulatedPlatform platform, ShopifyAppProperties app) {
    this.platform = platform;
    this.app = app;
  }

  @GetMapping("/sandbox/shops/{shop}/admin/oauth/authorize")
  ResponseEntity<Void> authorize(
      @PathVariable("shop") String shopDomain,
      @RequestParam(name = "client_id", required = false) String clientId,
      @RequestParam(name = "scope", required = false) String scope,
      @RequestParam(name = "redirect_uri", required = false) String redirectUri,
      @RequestParam(name = "state", required = false) String state) {
    SimulatedShop shop = platform.shop(shopDomain);
    if (!app.configured() || clientId == null || !clientId.equals(app.apiKey())) {
      throw InvalidSandboxRequestException.invalidField(
          "client_id", "client_id must be the API key of the app the sandbox knows");
    }
    if (redirectUri == null || !redirectUri.matches("^https?://\\S+$")) {
      throw InvalidSandboxRequestException.invalidField(
          "redirect_uri", "redirect_uri must be an http(s) address");
    }
    String code = randomHex(16);
    grantsByCode.put(code, new Grant(shop.domain(), scope == null ? "" : scope));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("code", code);
    query.put("shop", shop.domain());
    query.put("state", state == null ? "" : state);
    query.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
    query.put("hmac", ShopifyQueryHmac.sign(query, app.apiSecret()));
    UriComponentsBuilder back = UriComponentsBuilder.fromUriString(redirectUri);
    query.forEach(back::queryParam);
    URI location = back.encode().build().toUri();
    return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
  }

  @PostMapping("/sandbox/shops/{shop}/admin/oauth/access_token")
  AccessTokenReply accessToken(
      @PathVariable("shop") String shopDomain, @RequestBody AccessTokenRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    if (!app.configured()
        || request.clientId() == null
        || request.clientSecret() == null
        || !request.clientId().equals(app.apiKey())
        || !MessageDigest.isEqual(
            request.clientSecret().getBytes(StandardCharsets.UTF_8),
            app.apiSecret().getBytes(StandardCharsets.UTF_8))) {
      throw InvalidSandboxRequestException.invalidRequest(
          "client_id and client_secret must be those of the app the sandbox knows");
    }
    Grant grant = request.code() == null ? null : grantsByCode.remove(request.code());
    if (grant == null || !grant.shopDomain().equals(shop.domain())) {
      throw InvalidSandboxRequestException.invalidField(
          "code", "code is unknown, already used or for another shop");
    }
    String accessToken = "shpat_" + randomHex(16);
    platform.registerShop(shop.domain(), accessToken);
    return new AccessTokenReply(accessToken, grant.scope());
  }

  private String randomHex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
