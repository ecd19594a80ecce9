package io.pointsaga.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Builds adapters against a WireMock server and captures the failures they throw. */
final class PlatformTestSupport {

  static final Duration TEST_REQUEST_TIMEOUT = Duration.ofSeconds(2);
  static final Duration SHORT_REQUEST_TIMEOUT = Duration.ofMillis(300);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PlatformTestSupport() {}

  /** Activities that know exactly one shop, the given account. */
  static PlatformActivitiesImpl activities(PlatformAccount account, Duration requestTimeout) {
    PlatformAccounts accounts =
        shopDomain ->
            account.shopDomain().equals(shopDomain) ? Optional.of(account) : Optional.empty();
    return new PlatformActivitiesImpl(
        accounts, new PlatformHttpSettings(Duration.ofSeconds(1), requestTimeout));
  }

  static ApplicationFailure failureOf(ThrowingCallable call) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(call)
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(throwable -> thrown[0] = throwable);
    return (ApplicationFailure) thrown[0];
  }

  static JsonNode json(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("request body is not JSON: " + body, e);
    }
  }
}
