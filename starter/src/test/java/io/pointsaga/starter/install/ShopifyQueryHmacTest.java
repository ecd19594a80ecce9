package io.pointsaga.starter.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ShopifyQueryHmacTest {
  /** Shopify's documented example of an OAuth redirect, keyed with the secret "hush". */
  private static Map<String, String> documentedQuery() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("timestamp", "1337178173");
    query.put("state", "0.6784241404160823");
    query.put("shop", "some-shop.myshopify.com");
    query.put("code", "0907a61c0c8d55e99db179b68161bc00");
    query.put("hmac", "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
    return query;
  }

  @Test
  void theDocumentedExampleVerifies() {
    assertThat(ShopifyQueryHmac.verify(documentedQuery(), "hush")).isTrue();
    assertThat(ShopifyQueryHmac.sign(documentedQuery(), "hush"))
        .isEqualTo("700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf");
  }

  @Test
  void theRuleIsSortedKeyValuePairsWithoutHmac() throws Exception {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("state", "s1");
    query.put("code", "c1");
    query.put("shop", "a.myshopify.com");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(
                mac.doFinal(
                    "code=c1&shop=a.myshopify.com&state=s1".getBytes(StandardCharsets.UTF_8)));
    query.put("hmac", expected.toUpperCase(java.util.Locale.ROOT));

    assertThat(ShopifyQueryHmac.sign(query, "k")).isEqualTo(expected);
    assertThat(ShopifyQueryHmac.verify(query, "k")).isTrue();
  }

  @Test
  void aChangedParameterAWrongSecretOrNoHmacFails() {
    Map<String, String> changed = documentedQuery();
    changed.put("shop", "other-shop.myshopify.com");
    Map<String, String> added = documentedQuery();
    added.put("host", "x");
    Map<String, String> none = documentedQuery();
    none.remove("hmac");
    Map<String, String> truncated = documentedQuery();
    truncated.put("hmac", truncated.get("hmac").substring(0, 63));

    assertThat(ShopifyQueryHmac.verify(changed, "hush")).isFalse();
    assertThat(ShopifyQueryHmac.verify(added, "hush")).isFalse();
    assertThat(ShopifyQueryHmac.verify(documentedQuery(), "hush2")).isFalse();
    assertThat(ShopifyQueryHmac.verify(none, "hush")).isFalse();
    assertThat(ShopifyQueryHmac.verify(truncated, "hush")).isFalse();
  }
}
