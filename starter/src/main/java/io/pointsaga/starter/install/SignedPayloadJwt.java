package io.pointsaga.starter.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BigCommerce's {@code signed_payload_jwt} of the load and uninstall callbacks: HS256 keyed with
 * the app's client secret, unexpired ({@code exp}, {@code nbf}, with a small leeway), {@code aud}
 * the client id when present, {@code sub} {@code stores/{hash}}.
 */
public final class SignedPayloadJwt {
  static final Duration LEEWAY = Duration.ofSeconds(30);

  private static final Pattern STORE = Pattern.compile("^stores/([a-z0-9]+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Why a JWT was refused. */
  public enum Rejection {
    MALFORMED,
    BAD_SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    WRONG_AUDIENCE,
    WRONG_SUBJECT
  }

  /** A refused JWT; the message names the reason only, never the token. */
  public static final class RejectedJwtException extends RuntimeException {
    private final Rejection rejection;

    RejectedJwtException(Rejection rejection) {
      super("signed_payload_jwt refused: " + rejection);
      this.rejection = rejection;
    }

    public Rejection rejection() {
      return rejection;
    }
  }

  /** What a verified JWT says: the store's hash. */
  public record StorePayload(String storeHash) {}

  private SignedPayloadJwt() {}

  public static StorePayload verify(String jwt, String clientSecret, String clientId, Instant now) {
    if (jwt == null) {
      throw new RejectedJwtException(Rejection.MALFORMED);
    }
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      throw new RejectedJwtException(Rejection.MALFORMED);
    }
    JsonNode header = decode(parts[0]);
    if (!"HS256".equals(header.path("alg").asText())) {
      throw new RejectedJwtException(Rejection.BAD_SIGNATURE);
    }
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new RejectedJwtException(Rejection.MALFORMED);
    }
    byte[] expected = hs256(parts[0] + "." + parts[1], clientSecret);
    if (!MessageDigest.isEqual(expected, presented)) {
      throw new RejectedJwtException(Rejection.BAD_SIGNATURE);
    }
    JsonNode claims = decode(parts[1]);
    long nowSeconds = now.getEpochSecond();
    if (!claims.path("exp").canConvertToLong()
        || claims.path("exp").asLong() + LEEWAY.toSeconds() < nowSeconds) {
      throw new RejectedJwtException(Rejection.EXPIRED);
    }
    if (claims.has("nbf") && claims.path("nbf").asLong() - LEEWAY.toSeconds() > nowSeconds) {
      throw new RejectedJwtException(Rejection.NOT_YET_VALID);
    }
    JsonNode aud = claims.path("aud");
    if (!aud.isMissingNode() && !aud.isNull() && !audienceIncludes(aud, clientId)) {
      throw new RejectedJwtException(Rejection.WRONG_AUDIENCE);
    }
    Matcher store = STORE.matcher(claims.path("sub").asText(""));
    if (!store.matches()) {
      throw new RejectedJwtException(Rejection.WRONG_SUBJECT);
    }
    return new StorePayload(store.group(1));
  }

  /** Signs claims as BigCommerce does (for tests and the embedded mode). */
  public static String sign(String claimsJson, String clientSecret) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        base64.encodeToString(
                "{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    return signingInput + "." + base64.encodeToString(hs256(signingInput, clientSecret));
  }

  private static boolean audienceIncludes(JsonNode aud, String clientId) {
    if (aud.isArray()) {
      for (JsonNode one : aud) {
        if (one.asText().equals(clientId)) {
          return true;
        }
      }
      return false;
    }
    return aud.asText().equals(clientId);
  }

  private static JsonNode decode(String part) {
    try {
      JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw new RejectedJwtException(Rejection.MALFORMED);
      }
      return node;
    } catch (IOException | IllegalArgumentException e) {
      throw new RejectedJwtException(Rejection.MALFORMED);
    }
  }

  private static byte[] hs256(String signingInput, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
