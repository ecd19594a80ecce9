package io.pointsaga.starter.install;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code hmac} of a Shopify OAuth redirect: hex HMAC-SHA256, keyed with the app's API secret,
 * of the query parameters other than {@code hmac}, sorted by name and joined as {@code k=v} with
 * {@code &} (the decoded values).
 */
public final class ShopifyQueryHmac {
  private ShopifyQueryHmac() {}

  /** The hex HMAC of the parameters ({@code hmac} itself is left out). */
  public static String sign(Map<String, String> parameters, String apiSecret) {
    String message =
        new TreeMap<>(parameters)
            .entrySet().stream()
                .filter(e -> !"hmac".equals(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** True when the parameters carry an {@code hmac} that matches (constant-time compare). */
  public static boolean verify(Map<String, String> parameters, String apiSecret) {
    String presented = parameters.get("hmac");
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    String expected = sign(parameters, apiSecret);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        presented.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
