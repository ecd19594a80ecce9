package io.pointsaga.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.earning.EarningRules.PlaceOrderRule;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.settings.Settings;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import io.pointsaga.settings.ShopSettings.NegativeBalance;
import io.pointsaga.settings.ShopSettings.RefundedPointsExpiry;
import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import io.pointsaga.settings.ShopSettings.VipTier;
import io.pointsaga.settings.ShopSettings.VipTier.Basis;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.testing.TestDatabase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.spring.boot.autoconfigure.properties.TemporalProperties;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter as deployed: its own configuration file ({@code starter.yml}), a real PostgreSQL,
 * Temporal's in-memory test server, and the admin API over real HTTP. Every test works on a shop of
 * its own, so the tests do not depend on each other's order.
 */
@SpringBootTest(
    classes = StarterApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=starter", "spring.temporal.test-server.enabled=true"})
class StarterApplicationTest {
  private static final TestDatabase DB = TestDatabase.create();
  private static final AtomicInteger SHOP_NUMBERS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DEFAULTS =
      """
      {"cancelOn": ["REFUNDED"], "clawbackRate": "AWARDED", "restoreRedeemedPoints": "ON_FULL_REFUND",
       "negativeBalance": "ALLOW", "refundedPointsExpiry": "RESET_FROM_REFUND",
       "storeCreditCancelsPoints": false, "vipTiers": [], "reconciliationInterval": "PT15M",
       "pendingPeriod": "PT0S"}
      """;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DB::url);
    registry.add("spring.datasource.username", DB::username);
    registry.add("spring.datasource.password", () -> "");
  }

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired Shops shops;
  @Autowired Settings settings;
  @Autowired EarningRules earningRules;

  @Nested
  class AsDeployed {

    @Test
    void readsItsOwnConfigurationFileAndIsHealthy() {
      Environment env = context.getEnvironment();
      assertThat(env.getProperty("spring.application.name")).isEqualTo("pointsaga-starter");
      assertThat(env.getProperty("pointsaga.api.cancellation-wait")).isEqualTo("PT3S");

      Response health = call("GET", "/actuator/health", null, null);

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void configuresNoTemporalWorkers() {
      TemporalProperties temporal = context.getBean(TemporalProperties.class);
      assertThat(temporal.getWorkers()).isNullOrEmpty();
      assertThat(temporal.getWorkersAutoDiscovery()).isNull();
      // the auto-configuration creates a WorkerFactory only for configured workers
      assertThat(context.getBeansOfType(WorkerFactory.class).values())
          .allSatisfy(factory -> assertThat(factory.tryGetWorker(TaskQueues.SAGAS)).isNull());
      assertThat(
              context
                  .getBean(TestWorkflowEnvironment.class)
                  .getWorkerFactory()
                  .tryGetWorker(TaskQueues.SAGAS))
          .isNull();
    }

    @Test
    void nothingInTheStarterPicksUpWorkOnTheSagaQueue() {
      WorkflowClient client = context.getBean(WorkflowClient.class);
      String workflowId = "starter-test-no-worker-" + UUID.randomUUID();
      WorkflowStub stub =
          client.newUntypedWorkflowStub(
              "RedeemRewardWorkflow",
              WorkflowOptions.newBuilder()
                  .setWorkflowId(workflowId)
                  .setTaskQueue(TaskQueues.SAGAS)
                  .build());
      stub.start();
      try {
        // A poller on the queue would start the first workflow task at once (and fail it or run
        // it).
        await()
            .during(Duration.ofMillis(1500))
            .atMost(Duration.ofSeconds(3))
            .until(
                () ->
                    eventTypes(client, workflowId)
                            .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
                        && !eventTypes(client, workflowId)
                            .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
      } finally {
        stub.terminate("test done");
      }
    }

    @Test
    void aRequestWithoutAValidTokenIs401Json() {
      Admin admin = newShop();

      Response none = call("GET", admin.path("/settings"), null, null);
      Response wrong =
          call(
              "PUT",
              admin.path("/earning-rules/place-order"),
              "not-a-token",
              "{\"pointsPerUnit\": 1}");

      assertThat(none.status()).isEqualTo(401);
      assertThat(none.contentType()).startsWith("application/json");
      assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
      assertThat(none.json().get("message").asText()).contains("Authorization: Bearer");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().get("error").asText()).isEqualTo("unauthorized");
      assertThat(earningRules.placeOrderRule(admin.shop().id())).isEmpty();
    }

    @Test
    void anotherShopsTokenSeesNeitherItsSettingsNorItsRule() {
      Admin mine = newShop();
      Admin theirs = newShop();
      String path = theirs.path("");

      List<Response> answers =
          List.of(
              call("GET", path + "/settings", mine.token(), null),
              call(
                  "PUT",
                  path + "/settings",
                  mine.token(),
                  "{\"negativeBalance\": \"CLAMP_TO_ZERO\"}"),
              call("GET", path + "/earning-rules/place-order", mine.token(), null),
              call(
                  "PUT",
                  path + "/earning-rules/place-order",
                  mine.token(),
                  "{\"pointsPerUnit\": 5}"),
              call("DELETE", path + "/earning-rules/place-order", mine.token(), null));

      assertThat(answers)
          .allSatisfy(
              answer -> {
                assertThat(answer.status()).isEqualTo(404);
                assertThat(answer.json().get("error").asText()).isEqualTo("not_found");
              });
      assertThat(settings.of(theirs.shop().id())).isEqualTo(ShopSettings.defaults());
      assertThat(settings.of(mine.shop().id())).isEqualTo(ShopSettings.defaults());
      assertThat(earningRules.placeOrderRule(theirs.shop().id())).isEmpty();
      assertThat(earningRules.placeOrderRule(mine.shop().id())).isEmpty();
    }
  }

  @Nested
  class ShopSettingsApi {

    @Test
    void aShopThatSavedNothingHasTheDefaults() {
      Admin admin = newShop();

      Response answer = admin.get("/settings");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json()).isEqualTo(json(DEFAULTS));
    }

    @Test
    void aFullDocumentRoundTrips() {
      Admin admin = newShop();
      String document =
          """
          {"cancelOn": ["CANCELLED", "REFUNDED", "VOIDED"], "clawbackRate": "CURRENT_RULE",
           "restoreRedeemedPoints": "NEVER", "negativeBalance": "CLAMP_TO_ZERO",
           "refundedPointsExpiry": "KEEP_ORIGINAL", "storeCreditCancelsPoints": true,
           "vipTiers": [{"name": "Gold", "threshold": 1000, "basis": "POINTS"},
                        {"name": "Silver", "threshold": 0, "basis": "REVENUE"}],
           "reconciliationInterval": "PT2M", "pendingPeriod": "PT72H"}
          """;
      JsonNode expected =
          json(
              document.replace(
                  "\"CANCELLED\", \"REFUNDED\", \"VOIDED\"",
                  "\"REFUNDED\", \"VOIDED\", \"CANCELLED\"")); // answered in the enum's order

      Response saved = admin.put("/settings", document);
      Response read = admin.get("/settings");

      assertThat(saved.status()).isEqualTo(200);
      assertThat(saved.json()).isEqualTo(expected);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.json()).isEqualTo(expected);
      assertThat(settings.of(admin.shop().id()))
          .isEqualTo(
              new ShopSettings(
                  Set.of(CancelOn.REFUNDED, CancelOn.VOIDED, CancelOn.CANCELLED),
                  ClawbackRate.CURRENT_RULE,
                  RestoreRedeemedPoints.NEVER,
                  NegativeBalance.CLAMP_TO_ZERO,
                  RefundedPointsExpiry.KEEP_ORIGINAL,
                  true,
                  List.of(
                      new VipTier("Gold", 1000, Basis.POINTS),
                      new VipTier("Silver", 0, Basis.REVENUE)),
                  "PT2M",
                  "PT72H"));
    }

    @Test
    void aPutReplacesEverythingAndFieldsLeftOutTakeTheirDefault() {
      Admin admin = newShop();
      Response before =
          admin.put(
              "/settings",
              """
              {"cancelOn": ["VOIDED"], "clawbackRate": "CURRENT_RULE", "storeCreditCancelsPoints": true,
               "vipTiers": [{"name": "Gold", "threshold": 1000, "basis": "POINTS"}]}
              """);
      assertThat(before.json().get("clawbackRate").asText()).isEqualTo("CURRENT_RULE");

      Response answer =
          admin.put(
              "/settings", "{\"negativeBalance\": \"CLAMP_TO_ZERO\", \"clawbackRate\": null}");

      assertThat(answer.status()).isEqualTo(200);
      JsonNode expected = json(DEFAULTS);
      ((ObjectNode) expected).put("negativeBalance", "CLAMP_TO_ZERO");
      assertThat(answer.json()).isEqualTo(expected);
      assertThat(admin.get("/settings").json()).isEqualTo(expected);
    }

    @Test
    void anEmptyCancelOnIsKeptSoNoStateCancelsPoints() {
      Admin admin = newShop();

      Response answer = admin.put("/settings", "{\"cancelOn\": []}");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().get("cancelOn")).isEqualTo(json("[]"));
      assertThat(admin.get("/settings").json().get("cancelOn")).isEqualTo(json("[]"));
      assertThat(settings.of(admin.shop().id()).cancelOn()).isEmpty();
    }

    @Test
    void tierNamesAreTrimmedAndTheLimitsAreInclusive() {
      Admin admin = newShop();
      String twentyTiers =
          IntStream.range(0, 20)
              .mapToObj(
                  i ->
                      "{\"name\": \" Tier %d \", \"threshold\": %d, \"basis\": \"POINTS\"}"
                          .formatted(i, i))
              .reduce((a, b) -> a + ", " + b)
              .orElseThrow();

      Response answer = admin.put("/settings", "{\"vipTiers\": [" + twentyTiers + "]}");

      assertThat(answer.status()).isEqualTo(200);
      JsonNode tiers = answer.json().get("vipTiers");
      assertThat(tiers).hasSize(20);
      assertThat(tiers.get(0))
          .isEqualTo(json("{\"name\": \"Tier 0\", \"threshold\": 0, \"basis\": \"POINTS\"}"));
      assertThat(tiers.get(19).get("name").asText()).isEqualTo("Tier 19");
    }

    static Stream<Arguments> invalidDocuments() {
      String tier = "{\"name\": \"Gold\", \"threshold\": 100, \"basis\": \"POINTS\"}";
      String tooMany =
          String.join(
              ", ",
              IntStream.range(0, 21)
                  .mapToObj(
                      i ->
                          "{\"name\": \"T%d\", \"threshold\": %d, \"basis\": \"POINTS\"}"
                              .formatted(i, i))
                  .toList());
      return Stream.of(
          Arguments.of(
              "{\"clawbackRate\": \"LATEST\"}",
              List.of("'clawbackRate'", "AWARDED, CURRENT_RULE", "'LATEST'")),
          Arguments.of(
              "{\"clawbackRate\": \"awarded\"}",
              List.of("'clawbackRate'", "AWARDED, CURRENT_RULE")),
          Arguments.of("{\"clawbackRate\": 1}", List.of("'clawbackRate'", "AWARDED, CURRENT_RULE")),
          Arguments.of(
              "{\"clawbackRate\": \"\"}", List.of("'clawbackRate'", "AWARDED, CURRENT_RULE")),
          Arguments.of(
              "{\"restoreRedeemedPoints\": \"ALWAYS\"}",
              List.of("'restoreRedeemedPoints'", "ON_FULL_REFUND, NEVER, PROPORTIONAL")),
          Arguments.of(
              "{\"pendingPeriod\": \"-PT1S\"}",
              List.of("'pendingPeriod'", "from PT0S", "one year", "got PT-1S")),
          Arguments.of(
              "{\"pendingPeriod\": \"P366D\"}",
              List.of("'pendingPeriod'", "one year", "got PT8784H")),
          Arguments.of(
              "{\"pendingPeriod\": \"two weeks\"}",
              List.of("'pendingPeriod'", "ISO-8601 duration")),
          Arguments.of("{\"pendingPeriod\": \"P1Y\"}", List.of("'pendingPeriod'", "ISO-8601")),
          Arguments.of("{\"pendingPeriod\": 14}", List.of("'pendingPeriod'")),
          Arguments.of(
              "{\"negativeBalance\": \"FORBID\"}",
              List.of("'negativeBalance'", "ALLOW, CLAMP_TO_ZERO")),
          Arguments.of(
              "{\"refundedPointsExpiry\": \"NEVER\"}",
              List.of("'refundedPointsExpiry'", "RESET_FROM_REFUND, KEEP_ORIGINAL")),
          Arguments.of(
              "{\"cancelOn\": [\"REFUNDED\", \"SHIPPED\"]}",
              List.of("'cancelOn[1]'", "REFUNDED, VOIDED, CANCELLED", "'SHIPPED'")),
          Arguments.of(
              "{\"cancelOn\": [null]}", List.of("'cancelOn[0]'", "REFUNDED, VOIDED, CANCELLED")),
          Arguments.of("{\"cancelOn\": \"REFUNDED\"}", List.of("'cancelOn'", "a list")),
          Arguments.of(
              "{\"storeCreditCancelsPoints\": \"maybe\"}",
              List.of("'storeCreditCancelsPoints'", "true or false")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \"Gold\", \"threshold\": 100, \"basis\": \"LIFETIME\"}]}",
              List.of("'vipTiers[0].basis'", "POINTS, REVENUE", "'LIFETIME'")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \"Gold\", \"threshold\": 100}]}",
              List.of("'vipTiers[0].basis'", "POINTS, REVENUE")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \"  \", \"threshold\": 100, \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].name'", "non-blank")),
          Arguments.of(
              "{\"vipTiers\": [{\"threshold\": 100, \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].name'", "required")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \""
                  + "x".repeat(101)
                  + "\", \"threshold\": 1, \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].name'", "at most 100 characters")),
          Arguments.of(
              "{\"vipTiers\": ["
                  + tier
                  + ", {\"name\": \" gold \", \"threshold\": 5, \"basis\": \"REVENUE\"}]}",
              List.of("'vipTiers[1].name'", "'gold'", "unique")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \"Gold\", \"threshold\": -1, \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].threshold'", "must be >= 0", "got -1")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \"Gold\", \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].threshold'", "required")),
          Arguments.of(
              "{\"vipTiers\": [{\"name\": \"Gold\", \"threshold\": 1.5, \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].threshold'", "whole number")),
          Arguments.of(
              "{\"vipTiers\": [" + tier + ", null]}",
              List.of("'vipTiers[1]'", "name, threshold and basis")),
          Arguments.of(
              "{\"vipTiers\": [" + tooMany + "]}", List.of("'vipTiers'", "21 tiers", "at most 20")),
          Arguments.of(
              "{\"vipTiers\": [{\"nme\": \"Gold\", \"threshold\": 1, \"basis\": \"POINTS\"}]}",
              List.of("'vipTiers[0].nme'", "basis, name, threshold")),
          Arguments.of(
              "{\"cancelOnn\": [\"VOIDED\"]}", List.of("'cancelOnn'", "cancelOn", "vipTiers")),
          Arguments.of("[]", List.of("JSON object")));
    }

    @ParameterizedTest
    @MethodSource("invalidDocuments")
    void anInvalidDocumentIs400NamingTheFieldAndChangesNothing(
        String document, List<String> messageParts) {
      Admin admin = newShop();

      Response answer = admin.put("/settings", document);

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("error").asText()).isEqualTo("bad_request");
      assertThat(answer.json().get("message").asText()).contains(messageParts);
      assertThat(admin.get("/settings").json()).isEqualTo(json(DEFAULTS));
    }

    @Test
    void aBodyThatIsNotJsonIsRejected() {
      Admin admin = newShop();

      Response broken = admin.put("/settings", "{\"cancelOn\": [");
      Response notJson = call("PUT", admin.path("/settings"), admin.token(), null);
      Response empty = admin.put("/settings", "");
      Response jsonNull = admin.put("/settings", "null");

      assertThat(broken.status()).isEqualTo(400);
      assertThat(broken.json().get("error").asText()).isEqualTo("malformed_request");
      assertThat(notJson.status()).isEqualTo(415);
      assertThat(notJson.json().get("error").asText()).isEqualTo("unsupported_media_type");
      assertThat(empty.status()).isEqualTo(400);
      assertThat(empty.json().get("error").asText()).isEqualTo("malformed_request");
      assertThat(jsonNull.status()).isEqualTo(400);
      assertThat(jsonNull.json().get("error").asText()).isEqualTo("malformed_request");
      assertThat(jsonNull.json().get("message").asText()).contains("JSON object");
      assertThat(admin.get("/settings").json()).isEqualTo(json(DEFAULTS));
    }
  }

  @Nested
  class PlaceOrderRuleApi {
    private static final String RULE = "/earning-rules/place-order";

    @Test
    void putAnswersTheRuleWithFourDecimals() {
      Admin admin = newShop();

      Response answer = admin.put(RULE, "{\"pointsPerUnit\": 1, \"enabled\": true}");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body())
          .isEqualTo("{\"rule\":\"PLACE_ORDER\",\"pointsPerUnit\":1.0000,\"enabled\":true}");
      assertThat(earningRules.placeOrderRule(admin.shop().id()))
          .contains(new PlaceOrderRule(new BigDecimal("1.0000"), true));
    }

    @Test
    void getAnswersTheStoredRuleAndAPutReplacesIt() {
      Admin admin = newShop();
      admin.put(RULE, "{\"pointsPerUnit\": 1, \"enabled\": true}");

      Response disabled = admin.put(RULE, "{\"pointsPerUnit\": 2.5, \"enabled\": false}");
      Response read = admin.get(RULE);

      assertThat(disabled.status()).isEqualTo(200);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.body())
          .isEqualTo("{\"rule\":\"PLACE_ORDER\",\"pointsPerUnit\":2.5000,\"enabled\":false}");
    }

    @Test
    void enabledDefaultsToTrue() {
      Admin admin = newShop();
      assertThat(
              admin
                  .put(RULE, "{\"pointsPerUnit\": 3, \"enabled\": false}")
                  .json()
                  .get("enabled")
                  .asBoolean())
          .isFalse();

      Response leftOut = admin.put(RULE, "{\"pointsPerUnit\": 3}");

      assertThat(leftOut.status()).isEqualTo(200);
      assertThat(leftOut.json().get("enabled").asBoolean()).isTrue();
      assertThat(earningRules.placeOrderRule(admin.shop().id()).orElseThrow().enabled()).isTrue();
    }

    @Test
    void withoutARuleGetAndDeleteAre404Json() {
      Admin admin = newShop();

      Response get = admin.get(RULE);
      Response delete = admin.delete(RULE);

      assertThat(get.status()).isEqualTo(404);
      assertThat(get.json().get("error").asText()).isEqualTo("not_found");
      assertThat(get.json().get("message").asText()).contains(admin.domain(), "earning rule");
      assertThat(delete.status()).isEqualTo(404);
      assertThat(delete.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void deleteRemovesTheRule() {
      Admin admin = newShop();
      assertThat(admin.put(RULE, "{\"pointsPerUnit\": 1}").status()).isEqualTo(200);

      Response deleted = admin.delete(RULE);

      assertThat(deleted.status()).isEqualTo(204);
      assertThat(deleted.body()).isEmpty();
      assertThat(admin.get(RULE).status()).isEqualTo(404);
      assertThat(earningRules.placeOrderRule(admin.shop().id())).isEmpty();
      assertThat(admin.delete(RULE).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "9999.9999", "0.0001", "1.50000000", "1e2"})
    void ratesWithinTheLimitsAreAccepted(String rate) {
      Admin admin = newShop();

      Response answer = admin.put(RULE, "{\"pointsPerUnit\": " + rate + "}");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().get("pointsPerUnit").decimalValue())
          .isEqualByComparingTo(new BigDecimal(rate));
      assertThat(earningRules.placeOrderRule(admin.shop().id()).orElseThrow().pointsPerUnit())
          .isEqualByComparingTo(new BigDecimal(rate));
    }

    static Stream<Arguments> invalidRules() {
      return Stream.of(
          Arguments.of("{}", List.of("'pointsPerUnit'", "required")),
          Arguments.of(
              "{\"pointsPerUnit\": null, \"enabled\": true}",
              List.of("'pointsPerUnit'", "required")),
          Arguments.of(
              "{\"pointsPerUnit\": -1}",
              List.of(
                  "'pointsPerUnit'", "from 0", "less than 10000", "at most 4 decimals", "got -1")),
          Arguments.of(
              "{\"pointsPerUnit\": 0.00001}",
              List.of("'pointsPerUnit'", "at most 4 decimals", "got 0.00001")),
          Arguments.of(
              "{\"pointsPerUnit\": 10000}",
              List.of("'pointsPerUnit'", "less than 10000", "got 10000")),
          Arguments.of(
              "{\"pointsPerUnit\": 99999999999}", List.of("'pointsPerUnit'", "less than 10000")),
          Arguments.of(
              "{\"pointsPerUnit\": \"lots\"}", List.of("'pointsPerUnit'", "a number", "'lots'")),
          Arguments.of(
              "{\"pointsPerUnit\": 1, \"enabled\": \"maybe\"}",
              List.of("'enabled'", "true or false")),
          Arguments.of(
              "{\"pointsPerUnit\": 1, \"enable\": false}",
              List.of("'enable'", "enabled, pointsPerUnit")),
          Arguments.of("[1]", List.of("JSON object")));
    }

    @ParameterizedTest
    @MethodSource("invalidRules")
    void anInvalidRuleIs400AndChangesNothing(String body, List<String> messageParts) {
      Admin admin = newShop();
      admin.put(RULE, "{\"pointsPerUnit\": 1}");

      Response answer = admin.put(RULE, body);

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("error").asText()).isEqualTo("bad_request");
      assertThat(answer.json().get("message").asText()).contains(messageParts);
      assertThat(earningRules.placeOrderRule(admin.shop().id()))
          .contains(new PlaceOrderRule(new BigDecimal("1.0000"), true));
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A fresh shop and its admin token, calling the API as that shop. */
  private Admin newShop() {
    String domain = "starter-test-" + SHOP_NUMBERS.incrementAndGet() + ".myshopify.com";
    Shop shop =
        shops.upsert(
            domain,
            PlatformKind.SHOPIFY,
            "http://127.0.0.1:1",
            "shpat_unused",
            "whsec_unused",
            "USD");
    String token = "admin-" + UUID.randomUUID();
    shops.addAdminToken(shop.id(), token, "StarterApplicationTest");
    return new Admin(shop, token);
  }

  /** Calls the API as one shop's admin. */
  private final class Admin {
    private final Shop shop;
    private final String token;

    Admin(Shop shop, String token) {
      this.shop = shop;
      this.token = token;
    }

    Shop shop() {
      return shop;
    }

    String token() {
      return token;
    }

    String domain() {
      return shop.domain();
    }

    String path(String rest) {
      return "/api/v1/shops/" + shop.domain() + rest;
    }

    Response get(String rest) {
      return call("GET", path(rest), token, null);
    }

    Response put(String rest, String body) {
      return call("PUT", path(rest), token, body);
    }

    Response delete(String rest) {
      return call("DELETE", path(rest), token, null);
    }
  }

  private record Response(int status, String contentType, String body) {
    JsonNode json() {
      return StarterApplicationTest.json(body);
    }
  }

  private Response call(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static List<EventType> eventTypes(WorkflowClient client, String workflowId) {
    return client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }
}
