package io.pointsaga.starter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BigCommerceWebhookSignatureTest {

  private static final String SECRET = "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ";

  @Test
  void acceptsTheShopsSecret() {
    assertThat(BigCommerceWebhookSignature.matches(SECRET, "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ"))
        .isTrue();
  }

  @Test
  void namesTheHeaderWeSubscribeWith() {
    assertThat(BigCommerceWebhookSignature.HEADER).isEqualTo("X-PointSaga-Webhook-Secret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jz",
        "BCWH_Q2X9MV4TR7PL1SK8DF3GH6JZ",
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6j",
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ ",
        "bcwh_Q2x9mV4tR7pL1sK8dF3gH6jZbcwh_Q2x9mV4tR7pL1sK8dF3gH6jZ",
        "another-shops-secret"
      })
  void rejectsAnythingButTheExactSecret(String header) {
    assertThat(BigCommerceWebhookSignature.matches(SECRET, header)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void rejectsAMissingOrBlankHeader(String header) {
    assertThat(BigCommerceWebhookSignature.matches(SECRET, header)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void neverMatchesWhenTheShopHasNoSecret(String secret) {
    assertThat(BigCommerceWebhookSignature.matches(secret, "")).isFalse();
    assertThat(BigCommerceWebhookSignature.matches(secret, null)).isFalse();
  }
}
