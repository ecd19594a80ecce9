package io.pointsaga.starter.install;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Production Shopify shops: {@code {name}.myshopify.com} at {@code https://{domain}}. */
@Component
class MyshopifyAddresses implements ShopifyShopAddresses {
  private static final Pattern MYSHOPIFY =
      Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}\\.myshopify\\.com$");

  @Override
  public Optional<String> apiBaseUrl(String shopDomain) {
    if (shopDomain == null) {
      return Optional.empty();
    }
    String domain = shopDomain.strip().toLowerCase(Locale.ROOT);
    return MYSHOPIFY.matcher(domain).matches()
        ? Optional.of("https://" + domain)
        : Optional.empty();
  }
}
