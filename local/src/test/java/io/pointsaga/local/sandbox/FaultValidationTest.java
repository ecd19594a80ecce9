package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A fault request the sandbox cannot follow is a 400 naming the bad field, and queues nothing. */
@SandboxWebTest
class FaultValidationTest {

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  SandboxClient client;

  @BeforeEach
  void registerShop() {
    client = SandboxClient.forNewShop(port, platform);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
            unknown operation  | {"operation":"refund","failures":1,"kind":"HTTP_500"}                          | operation         | createDiscountCode, lookupDiscountCode, revokeDiscountCode, readShop, listWebhookSubscriptions, createWebhookSubscription
            missing operation  | {"failures":1,"kind":"HTTP_500"}                                               | operation         | createDiscountCode, lookupDiscountCode, revokeDiscountCode, readShop, listWebhookSubscriptions, createWebhookSubscription
            zero failures      | {"operation":"lookupDiscountCode","failures":0,"kind":"HTTP_500"}              | failures          | from 1 to 1000
            missing failures   | {"operation":"lookupDiscountCode","kind":"HTTP_500"}                           | failures          | from 1 to 1000
            unknown kind       | {"operation":"lookupDiscountCode","failures":1,"kind":"HTTP_503"}              | kind              | HTTP_500, HTTP_429, TIMEOUT, RESET, THROTTLED
            lower-case kind    | {"operation":"lookupDiscountCode","failures":1,"kind":"timeout"}               | kind              | HTTP_500, HTTP_429, TIMEOUT, RESET, THROTTLED
            negative delay     | {"operation":"lookupDiscountCode","failures":1,"kind":"HTTP_429","retryAfterSeconds":-1} | retryAfterSeconds | from 0 to 3600
            failures not a number | {"operation":"lookupDiscountCode","failures":"many","kind":"HTTP_500"}       | failures          | wrong type
            """)
  void invalidFieldIsNamedWithTheValuesItAllows(
      String ignoredCase, String body, String field, String allowed) {
    HttpResponse<String> response = client.post("/faults", body);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response);
    assertThat(error.path("error").asText()).isEqualTo("invalid_field");
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(error.path("message").asText()).startsWith(field).contains(allowed);
    assertThat(json(client.get("/faults"))).isEmpty();
  }

  @Test
  void malformedJsonIs400() {
    HttpResponse<String> response = client.post("/faults", "{\"operation\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("malformed_json");
    assertThat(json(response).has("trace")).isFalse();
  }

  @Test
  void missingBodyIs400() {
    HttpResponse<String> response = client.post("/faults", "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
  }
}
