package io.pointsaga.starter.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.starter.install.SignedPayloadJwt.RejectedJwtException;
import io.pointsaga.starter.install.SignedPayloadJwt.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignedPayloadJwtTest {
  private static final String SECRET = "bc-client-secret";
  private static final String CLIENT = "bc-client-id";
  private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  private static String claims(String sub, long exp, String aud) {
    return "{\"aud\":\""
        + aud
        + "\",\"iss\":\"bc\",\"iat\":"
        + (NOW.getEpochSecond() - 10)
        + ",\"nbf\":"
        + (NOW.getEpochSecond() - 10)
        + ",\"exp\":"
        + exp
        + ",\"jti\":\"j1\",\"sub\":\""
        + sub
        + "\",\"user\":{\"id\":1,\"email\":\"a@b.c\"},\"owner\":{\"id\":1}}";
  }

  private static String good() {
    return SignedPayloadJwt.sign(
        claims("stores/abc123", NOW.getEpochSecond() + 60, CLIENT), SECRET);
  }

  private static Rejection rejectionOf(String jwt) {
    try {
      SignedPayloadJwt.verify(jwt, SECRET, CLIENT, NOW);
    } catch (RejectedJwtException e) {
      return e.rejection();
    }
    throw new AssertionError("accepted: " + jwt);
  }

  @Test
  void aGoodTokenNamesItsStore() {
    assertThat(SignedPayloadJwt.verify(good(), SECRET, CLIENT, NOW).storeHash())
        .isEqualTo("abc123");
  }

  @Test
  void aTokenSignedIndependentlyByTheRuleVerifies() throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(
                claims("stores/z9", NOW.getEpochSecond() + 5, CLIENT)
                    .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String jwt =
        input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

    assertThat(SignedPayloadJwt.verify(jwt, SECRET, CLIENT, NOW).storeHash()).isEqualTo("z9");
  }

  @Test
  void aBadSignatureIsRefused() {
    String other =
        SignedPayloadJwt.sign(claims("stores/abc123", NOW.getEpochSecond() + 60, CLIENT), "other");
    String[] parts = good().split("\\.");
    String tamperedPayload =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    claims("stores/evil", NOW.getEpochSecond() + 60, CLIENT)
                        .getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    String none =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + ".";

    assertThat(rejectionOf(other)).isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(rejectionOf(tamperedPayload)).isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(rejectionOf(none)).isEqualTo(Rejection.BAD_SIGNATURE);
  }

  @Test
  void anExpiredTokenIsRefusedBeyondTheLeeway() {
    long expiredAt = NOW.getEpochSecond() - SignedPayloadJwt.LEEWAY.toSeconds() - 1;
    String expired = SignedPayloadJwt.sign(claims("stores/abc123", expiredAt, CLIENT), SECRET);
    String withinLeeway =
        SignedPayloadJwt.sign(claims("stores/abc123", NOW.getEpochSecond() - 5, CLIENT), SECRET);

    assertThat(rejectionOf(expired)).isEqualTo(Rejection.EXPIRED);
    assertThat(SignedPayloadJwt.verify(withinLeeway, SECRET, CLIENT, NOW).storeHash())
        .isEqualTo("abc123");
  }

  @Test
  void aWrongSubjectOrAudienceOrGarbageIsRefused() {
    long exp = NOW.getEpochSecond() + 60;
    assertThat(rejectionOf(SignedPayloadJwt.sign(claims("users/abc123", exp, CLIENT), SECRET)))
        .isEqualTo(Rejection.WRONG_SUBJECT);
    assertThat(rejectionOf(SignedPayloadJwt.sign(claims("stores/ABC 1", exp, CLIENT), SECRET)))
        .isEqualTo(Rejection.WRONG_SUBJECT);
    assertThat(
            rejectionOf(SignedPayloadJwt.sign(claims("stores/abc123", exp, "other-app"), SECRET)))
        .isEqualTo(Rejection.WRONG_AUDIENCE);
    assertThat(rejectionOf("not-a-jwt")).isEqualTo(Rejection.MALFORMED);
    assertThat(rejectionOf(null)).isEqualTo(Rejection.MALFORMED);
  }
}
