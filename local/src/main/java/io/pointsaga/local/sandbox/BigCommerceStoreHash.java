package io.pointsaga.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The store hash of a simulated BigCommerce store, as its API and webhooks name it. */
final class BigCommerceStoreHash {

  private static final Pattern STORE_DOMAIN =
      Pattern.compile("^store-([a-z0-9]+)\\.mybigcommerce\\.com$");

  private BigCommerceStoreHash() {}

  /**
   * {@code abc123} for {@code store-abc123.mybigcommerce.com} (what the product's app callbacks
   * expect); otherwise the first 10 hex digits of the domain's SHA-256, stable across restarts.
   */
  static String of(String domain) {
    String key = domain.toLowerCase(Locale.ROOT);
    Matcher store = STORE_DOMAIN.matcher(key);
    if (store.matches()) {
      return store.group(1);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
