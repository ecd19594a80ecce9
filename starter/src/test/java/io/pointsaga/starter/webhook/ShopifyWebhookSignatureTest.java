package io.pointsaga.starter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifyWebhookSignatureTest {

  private static final String SECRET = "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";
  private static final byte[] BODY = WebhookFixtures.bytes("shopify/orders-paid.json");

  /**
   * Computed outside the JVM: {@code printf '%s' BODY | openssl dgst -sha256 -hmac SECRET -binary |
   * base64}.
   */
  @Test
  void acceptsAVectorComputedWithOpenssl() {
    byte[] body =
        "{\"id\":820982911946154508,\"email\":\"jon@example.com\",\"financial_status\":\"paid\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(
            ShopifyWebhookSignature.matches(
                SECRET, body, "kh1wuMfw1KO0InPHQvR+VepahjRbdDh5ov9oj5JX8Mg="))
        .isTrue();
  }

  @Test
  void acceptsTheHmacOfTheRawBodyUnderTheShopsSecret() throws Exception {
    String header = hmacSha256Base64(SECRET, BODY);

    assertThat(ShopifyWebhookSignature.matches(SECRET, BODY, header)).isTrue();
  }

  @Test
  void signsAsShopifyDoes() throws Exception {
    assertThat(ShopifyWebhookSignature.sign(SECRET, BODY))
        .isEqualTo(hmacSha256Base64(SECRET, BODY));
  }

  @Test
  void refusesToSignWithoutASecret() {
    assertThatThrownBy(() -> ShopifyWebhookSignature.sign("", BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhook secret");
  }

  @Test
  void rejectsATamperedBody() throws Exception {
    String header = hmacSha256Base64(SECRET, BODY);
    String original = new String(BODY, StandardCharsets.UTF_8);
    byte[] tampered =
        original
            .replaceFirst("\"price\": \"20.00\"", "\"price\": \"2.00\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(BODY);

    assertThat(ShopifyWebhookSignature.matches(SECRET, tampered, header)).isFalse();
  }

  @Test
  void rejectsABodyWithOneByteFlipped() throws Exception {
    String header = hmacSha256Base64(SECRET, BODY);
    byte[] flipped = Arrays.copyOf(BODY, BODY.length);
    flipped[flipped.length / 2] ^= 0x01;

    assertThat(ShopifyWebhookSignature.matches(SECRET, flipped, header)).isFalse();
  }

  @Test
  void rejectsTheSameJsonReserialised() throws Exception {
    String header = hmacSha256Base64(SECRET, BODY);
    byte[] reserialised =
        WebhookFixtures.JSON.writeValueAsBytes(WebhookFixtures.JSON.readTree(BODY));

    assertThat(ShopifyWebhookSignature.matches(SECRET, reserialised, header)).isFalse();
  }

  @Test
  void rejectsASignatureMadeWithAnotherSecret() throws Exception {
    String header = hmacSha256Base64("shpss_another_shops_secret", BODY);

    assertThat(ShopifyWebhookSignature.matches(SECRET, BODY, header)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void neverMatchesWithoutASecret(String secret) throws Exception {
    String wellFormedHeader = hmacSha256Base64(SECRET, BODY);

    assertThat(ShopifyWebhookSignature.matches(secret, BODY, wellFormedHeader)).isFalse();
  }

  @Test
  void neverMatchesWithoutABody() throws Exception {
    assertThat(ShopifyWebhookSignature.matches(SECRET, null, hmacSha256Base64(SECRET, new byte[0])))
        .isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "not base64 at all!",
        "%%%%",
        "AAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "sha256=kh1wuMfw1KO0InPHQvR+VepahjRbdDh5ov9oj5JX8Mg="
      })
  void rejectsMissingOrGarbageHeadersWithoutThrowing(String header) {
    assertThat(ShopifyWebhookSignature.matches(SECRET, BODY, header)).isFalse();
  }

  @Test
  void rejectsATruncatedSignature() throws Exception {
    String header = hmacSha256Base64(SECRET, BODY);
    String truncated = header.substring(0, header.length() - 4);

    assertThat(ShopifyWebhookSignature.matches(SECRET, BODY, truncated)).isFalse();
  }

  @Test
  void rejectsTheRightDigestInHexInsteadOfBase64() throws Exception {
    byte[] digest = Base64.getDecoder().decode(hmacSha256Base64(SECRET, BODY));

    assertThat(ShopifyWebhookSignature.matches(SECRET, BODY, HexFormat.of().formatHex(digest)))
        .isFalse();
  }

  @Test
  void toleratesWhitespaceAroundTheHeader() throws Exception {
    String header = " " + hmacSha256Base64(SECRET, BODY) + "\t";

    assertThat(ShopifyWebhookSignature.matches(SECRET, BODY, header)).isTrue();
  }

  /** Independent of the class under test: what Shopify computes. */
  private static String hmacSha256Base64(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }
}
