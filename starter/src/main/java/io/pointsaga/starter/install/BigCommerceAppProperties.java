package io.pointsaga.starter.install;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The BigCommerce single-click app (SPEC §9): {@code pointsaga.bigcommerce.client-id} and {@code
 * client-secret} (env {@code BIGCOMMERCE_CLIENT_ID}, {@code BIGCOMMERCE_CLIENT_SECRET}); without
 * both, the app callbacks answer 503. The secret is left out of {@link #toString()}.
 *
 * @param tokenUrl the OAuth token endpoint the auth callback's code is exchanged at
 * @param apiBaseUrl the API host; a store's API base is {@code {apiBaseUrl}/stores/{hash}}
 */
@ConfigurationProperties("pointsaga.bigcommerce")
public record BigCommerceAppProperties(
    String clientId, String clientSecret, String tokenUrl, String apiBaseUrl) {

  public BigCommerceAppProperties {
    tokenUrl =
        tokenUrl == null || tokenUrl.isBlank()
            ? "https://login.bigcommerce.com/oauth2/token"
            : tokenUrl.strip();
    apiBaseUrl =
        apiBaseUrl == null || apiBaseUrl.isBlank()
            ? "https://api.bigcommerce.com"
            : apiBaseUrl.strip().replaceAll("/+$", "");
  }

  public boolean configured() {
    return clientId != null
        && !clientId.isBlank()
        && clientSecret != null
        && !clientSecret.isBlank();
  }

  @Override
  public String toString() {
    return "BigCommerceAppProperties[clientId=" + clientId + ", tokenUrl=" + tokenUrl + "]";
  }
}
