package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Injected faults fail the next calls of their operation, in order, without applying them. */
@SandboxWebTest
class SandboxFaultInjectionTest {

  private static final Duration TIMEOUT_FAULT_DELAY =
      Duration.ofMillis(SandboxWebTest.TIMEOUT_FAULT_DELAY_MILLIS);

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  SandboxClient client;

  @BeforeEach
  void registerShop() {
    client = SandboxClient.forNewShop(port, platform);
  }

  @Test
  void http500FailsTheCallWithoutCreatingTheCode() {
    client.injectFaults("createDiscountCode", 1, "HTTP_500");

    HttpResponse<String> failed = client.create("FAIL5", "$5 off", "5.00");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(json(failed)).isEqualTo(json("{\"errors\":\"Internal Server Error\"}"));
    assertThat(client.getCode("FAIL5").statusCode()).isEqualTo(404);
    assertThat(client.createdId("FAIL5")).isNotBlank();
    assertThat(json(client.get("/calls")).path("createDiscountCode"))
        .isEqualTo(json("{\"received\":2,\"failed\":1}"));
  }

  @Test
  void http429CarriesRetryAfterAndDoesNotRevoke() {
    String id = client.createdId("WAIT5");
    client.post(
        "/faults",
        SandboxClient.toJson(
            Map.of(
                "operation",
                "revokeDiscountCode",
                "failures",
                1,
                "kind",
                "HTTP_429",
                "retryAfterSeconds",
                7)));

    HttpResponse<String> limited = client.deactivate(id);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(json(limited))
        .isEqualTo(
            json(
                """
                {"errors":"Exceeded 2 calls per second for api client. \
                Reduce request rates to resume uninterrupted service."}"""));
    assertThat(json(client.getCode("WAIT5")).path("state").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void http429WaitsOneSecondUnlessToldOtherwise() {
    client.injectFaults("lookupDiscountCode", 1, "HTTP_429");

    HttpResponse<String> limited = client.lookUp("ANY");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void throttledIsAGraphqlErrorWithTheBucketEmpty() {
    client.injectFaults("createDiscountCode", 1, "THROTTLED");

    HttpResponse<String> throttled = client.create("SLOW5", "$5 off", "5.00");

    assertThat(throttled.statusCode()).isEqualTo(200);
    assertThat(json(throttled))
        .isEqualTo(
            json(
                """
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
                 "extensions":{"cost":{"requestedQueryCost":10,"throttleStatus":
                   {"maximumAvailable":2000.0,"currentlyAvailable":0,"restoreRate":100.0}}}}"""));
    assertThat(client.getCode("SLOW5").statusCode()).isEqualTo(404);
  }

  @Test
  void timeoutOutlastsTheClientsReadTimeoutAndDoesNotRevoke() throws Exception {
    String id = client.createdId("HANG5");
    client.injectFaults("revokeDiscountCode", 1, "TIMEOUT");
    HttpRequest impatient =
        client.graphqlRequest(
            SandboxClient.ACCESS_TOKEN,
            SandboxClient.body(SandboxClient.DEACTIVATE_MUTATION, Map.of("id", id)),
            Duration.ofMillis(300));

    assertThatThrownBy(() -> client.sendOrFail(impatient)).isInstanceOf(HttpTimeoutException.class);

    Thread.sleep(TIMEOUT_FAULT_DELAY.toMillis() + 200);
    assertThat(json(client.getCode("HANG5")).path("state").asText()).isEqualTo("ACTIVE");
    assertThat(json(client.get("/calls")).path("revokeDiscountCode"))
        .isEqualTo(json("{\"received\":1,\"failed\":1}"));
  }

  @Test
  void timeoutAnswers504ToAPatientClientAfterTheDelay() {
    client.injectFaults("lookupDiscountCode", 1, "TIMEOUT");
    long started = System.nanoTime();

    HttpResponse<String> late = client.lookUp("ANY");

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(TIMEOUT_FAULT_DELAY);
    assertThat(late.statusCode()).isEqualTo(504);
    assertThat(json(late).path("errors").asText()).isEqualTo("Gateway Timeout");
  }

  /**
   * The Shopify adapter pins HTTP/1.1; the JDK default (HTTP/2 preferred, so h2c upgrade) must fail
   * alike.
   */
  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void resetCutsTheConnectionSoTheJdkClientFailsWithAnIoException(HttpClient.Version version) {
    SandboxClient jdkClient = client.speaking(version);
    jdkClient.injectFaults("createDiscountCode", 1, "RESET");
    HttpRequest request =
        jdkClient.graphqlRequest(
            SandboxClient.ACCESS_TOKEN,
            SandboxClient.body(
                SandboxClient.CREATE_MUTATION,
                SandboxClient.createVariables("CUT5", "$5 off", "5.00")),
            Duration.ofSeconds(5));
    long started = System.nanoTime();

    assertThatThrownBy(() -> jdkClient.sendOrFail(request))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(jdkClient.getCode("CUT5").statusCode()).isEqualTo(404);
    assertThat(jdkClient.createdId("CUT5")).isNotBlank();
    assertThat(jdkClient.calls("createDiscountCode"))
        .isEqualTo(json("{\"received\":2,\"failed\":1}"));
  }

  @Test
  void faultsAreConsumedInOrderAndOnlyByTheirOperation() {
    client.injectFaults("lookupDiscountCode", 1, "HTTP_500");
    client.injectFaults("lookupDiscountCode", 1, "HTTP_429");

    String id = client.createdId("ORDER5");
    HttpResponse<String> first = client.lookUp("ORDER5");
    HttpResponse<String> second = client.lookUp("ORDER5");
    HttpResponse<String> third = client.lookUp("ORDER5");

    assertThat(first.statusCode()).isEqualTo(500);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(json(third).path("data").path("codeDiscountNodeByCode").path("id").asText())
        .isEqualTo(id);
    assertThat(json(client.get("/faults"))).isEmpty();
    assertThat(json(client.get("/calls")))
        .isEqualTo(
            json(
                """
                {"createDiscountCode":{"received":1,"failed":0},
                 "lookupDiscountCode":{"received":3,"failed":2},
                 "revokeDiscountCode":{"received":0,"failed":0},
                 "readShop":{"received":0,"failed":0},
                 "listWebhookSubscriptions":{"received":0,"failed":0},
                 "createWebhookSubscription":{"received":0,"failed":0},
                 "readOrder":{"received":0,"failed":0},
                 "readRefunds":{"received":0,"failed":0},
                 "listOrders":{"received":0,"failed":0}}"""));
  }

  @Test
  void revokeFaultsFailBothDeactivateAndDelete() {
    String id = client.createdId("BOTH5");
    client.injectFaults("revokeDiscountCode", 2, "HTTP_500");

    assertThat(client.deactivate(id).statusCode()).isEqualTo(500);
    assertThat(client.delete(id).statusCode()).isEqualTo(500);

    assertThat(json(client.getCode("BOTH5")).path("state").asText()).isEqualTo("ACTIVE");
    assertThat(client.delete(id).statusCode()).isEqualTo(200);
    assertThat(json(client.getCode("BOTH5")).path("state").asText()).isEqualTo("DELETED");
  }

  @Test
  void pendingFaultsAreListedAndCanBeCleared() {
    HttpResponse<String> injected = client.injectFaults("revokeDiscountCode", 2, "HTTP_429");
    client.injectFaults("createDiscountCode", 1, "RESET");

    assertThat(injected.statusCode()).isEqualTo(201);
    assertThat(json(injected))
        .isEqualTo(
            json(
                """
                [{"operation":"revokeDiscountCode","kind":"HTTP_429","retryAfterSeconds":1},
                 {"operation":"revokeDiscountCode","kind":"HTTP_429","retryAfterSeconds":1}]"""));
    assertThat(json(client.get("/faults")))
        .isEqualTo(
            json(
                """
                [{"operation":"createDiscountCode","kind":"RESET"},
                 {"operation":"revokeDiscountCode","kind":"HTTP_429","retryAfterSeconds":1},
                 {"operation":"revokeDiscountCode","kind":"HTTP_429","retryAfterSeconds":1}]"""));

    HttpResponse<String> cleared = client.deletePath("/faults");

    assertThat(cleared.statusCode()).isEqualTo(204);
    assertThat(json(client.get("/faults"))).isEmpty();
    assertThat(client.createdId("CLEAN5")).isNotBlank();
  }

  @Test
  void aWrongTokenConsumesNoFault() {
    client.injectFaults("lookupDiscountCode", 1, "HTTP_500");
    String body = SandboxClient.body(SandboxClient.LOOKUP_QUERY, Map.of("code", "X"));

    HttpResponse<String> rejected =
        client.send(client.graphqlRequest("shpat_wrong", body, Duration.ofSeconds(5)));

    assertThat(rejected.statusCode()).isEqualTo(401);
    assertThat(json(client.get("/faults"))).hasSize(1);
  }

  @Test
  void faultOfAnUnknownShopIs404() {
    SandboxClient unregistered = SandboxClient.forUnregisteredShop(port);

    HttpResponse<String> response = unregistered.injectFaults("createDiscountCode", 1, "HTTP_500");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("shop_not_found");
    assertThat(unregistered.get("/faults").statusCode()).isEqualTo(404);
    assertThat(unregistered.get("/calls").statusCode()).isEqualTo(404);
  }
}
