package io.pointsaga.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.LedgerLimits;
import io.pointsaga.ledger.Posting;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.StarterApplication;
import io.pointsaga.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The boundary of SPEC §8 from outside, over real HTTP against the starter as deployed: one strict
 * reading policy, points limits, Idempotency-Key, JSON errors before the controllers, security
 * headers, the operator's endpoints and the OpenAPI document.
 */
@SpringBootTest(
    classes = StarterApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=starter",
      "spring.temporal.test-server.enabled=true",
      "pointsaga.operator-token=" + WebBoundaryTest.OPERATOR_TOKEN
    })
class WebBoundaryTest {
  static final String OPERATOR_TOKEN = "operator-token-for-tests";
  private static final TestDatabase DB = TestDatabase.create();
  private static final AtomicInteger NUMBERS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DB::url);
    registry.add("spring.datasource.username", DB::username);
    registry.add("spring.datasource.password", () -> "");
  }

  @LocalServerPort int port;
  @Autowired Shops shops;
  @Autowired Ledger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Nested
  class StrictReading {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"points\": 1.5, \"note\": \"n\"}",
          "{\"points\": 1.0, \"note\": \"n\"}",
          "{\"points\": 1e2, \"note\": \"n\"}",
          "{\"points\": \"10\", \"note\": \"n\"}",
          "{\"points\": true, \"note\": \"n\"}",
          "{\"points\": [10], \"note\": \"n\"}"
        })
    void pointsAreJsonIntegersOnly(String body) {
      Admin admin = newShop();

      Response answer = admin.post("/customers/c1/adjustments", body);

      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.json().get("error").asText()).isEqualTo("bad_request");
      assertThat(answer.message()).contains("'points'", "whole number");
      assertNoInternals(answer);
      assertThat(ledger.findCustomer(admin.shop().id(), "c1")).isEmpty();
    }

    @Test
    void anAdjustmentThatWouldTakeTheBalanceBeyondTheLedgersLimitIs400NamingPoints() {
      Admin admin = newShop();
      ledger.post(
          new Posting(
              admin.shop().id(),
              "rich",
              LedgerLimits.MAX_BALANCE,
              EntryKind.MANUAL_ADJUSTMENT,
              "test:up-to-the-limit",
              "up to the limit",
              null,
              null,
              BalanceRule.ALLOW_NEGATIVE));

      Response answer =
          admin.post("/customers/rich/adjustments", "{\"points\": 1, \"note\": \"one more\"}");

      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.message()).contains("'points'", "limit");
      assertNoInternals(answer);
      assertThat(ledger.findCustomer(admin.shop().id(), "rich").orElseThrow().pointsBalance())
          .isEqualTo(LedgerLimits.MAX_BALANCE);
    }

    @Test
    void trailingContentIsRefused() {
      Admin admin = newShop();

      Response junk = admin.post("/customers/c1/adjustments", "{\"points\": 5, \"note\": \"n\"} x");
      Response twice =
          admin.post("/customers/c1/adjustments", "{\"points\": 5, \"note\": \"n\"} {}");

      for (Response answer : List.of(junk, twice)) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("malformed_request");
        assertNoInternals(answer);
      }
      assertThat(twice.message()).contains("more content after the JSON value");
      assertThat(ledger.findCustomer(admin.shop().id(), "c1")).isEmpty();
    }

    @Test
    void duplicateKeysAreRefusedNamingTheField() {
      Admin admin = newShop();

      Response answer =
          admin.post(
              "/customers/c1/adjustments", "{\"points\": 5, \"points\": 500, \"note\": \"n\"}");

      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.message()).contains("'points'", "more than once");
      assertNoInternals(answer);
      assertThat(ledger.findCustomer(admin.shop().id(), "c1")).isEmpty();
    }

    @Test
    void unknownKeysAreRefusedNamingTheFieldAndNoJavaClass() {
      Admin admin = newShop();

      Response answer =
          admin.post(
              "/customers/c1/adjustments", "{\"points\": 5, \"note\": \"n\", \"pionts\": 1}");

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.message()).contains("'pionts'", "note, points");
      assertNoInternals(answer);
    }

    @Test
    void aBodyOfTheWrongShapeNamesNoJavaClass() {
      Admin admin = newShop();

      List<Response> answers =
          List.of(
              admin.post("/customers/c1/adjustments", "[1, 2]"),
              admin.post("/customers/c1/adjustments", "\"text\""),
              admin.post("/customers/c1/adjustments", "{\"points\": {\"a\": 1}, \"note\": \"n\"}"),
              admin.post("/customers/c1/adjustments", "{\"points\": 5, \"note\": [\"n\"]}"),
              admin.post("/customers/c1/adjustments", "{\"points\": 5, \"note\": 7}"),
              admin.post("/customers/c1/adjustments", "null"),
              admin.post("/customers/c1/adjustments", "{\"points\": 5,"),
              admin.post("/customers/c1/redemptions", "{\"rewardId\": \"1\"}"),
              admin.post(
                  "/rewards", "{\"name\": \"n\", \"pointsCost\": 1, \"discountAmount\": \"5\"}"),
              admin.put("/settings", "{\"storeCreditCancelsPoints\": \"true\"}"),
              admin.put("/settings", "{\"storeCreditCancelsPoints\": 1}"));

      assertThat(answers)
          .allSatisfy(
              answer -> {
                assertThat(answer.status()).as(answer.body()).isEqualTo(400);
                assertNoInternals(answer);
              });
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"9223372036854775807", "1000000001", "-1000000001", "92233720368547758070"})
    void pointsBeyondOneBillionPerRequestAre400(String points) {
      Admin admin = newShop();

      Response answer =
          admin.post("/customers/c1/adjustments", "{\"points\": " + points + ", \"note\": \"n\"}");

      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.message()).contains("'points'");
      assertNoInternals(answer);
      assertThat(ledger.findCustomer(admin.shop().id(), "c1")).isEmpty();
    }

    @Test
    void oneBillionPointsIsTheInclusiveLimit() {
      Admin admin = newShop();

      Response answer =
          admin.post("/customers/c1/adjustments", "{\"points\": 1000000000, \"note\": \"n\"}");

      assertThat(answer.status()).as(answer.body()).isEqualTo(201);
      assertThat(answer.json().get("balanceAfter").asLong()).isEqualTo(1_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "1E+2147483647"})
    void anAbsurdNumberIs400AtOnceWithAShortMessage(String number) {
      Admin admin = newShop();
      long started = System.nanoTime();

      Response rule =
          admin.put("/earning-rules/place-order", "{\"pointsPerUnit\": " + number + "}");
      Response reward =
          admin.post(
              "/rewards",
              "{\"name\": \"n\", \"pointsCost\": 10, \"discountAmount\": " + number + "}");
      Response points =
          admin.post("/customers/c1/adjustments", "{\"points\": " + number + ", \"note\": \"n\"}");

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).isLessThan(Duration.ofSeconds(2));
      for (Response answer : List.of(rule, reward, points)) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body().length()).isLessThan(300);
        assertThat(answer.body()).doesNotContain("999999999", "2147483647");
        assertNoInternals(answer);
      }
      assertThat(rule.message()).contains("'pointsPerUnit'");
      assertThat(reward.message()).contains("'discountAmount'");
      assertThat(points.message()).contains("'points'");
    }

    @Test
    void aVeryLongNumberIsRefusedWithoutEchoingIt() {
      Admin admin = newShop();
      String digits = "1".repeat(5000);

      Response answer =
          admin.put("/earning-rules/place-order", "{\"pointsPerUnit\": " + digits + "}");

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.body()).doesNotContain("11111111111");
      assertNoInternals(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\r", "\\u001b", "\\u007f", "\\u0085"})
    void controlCharactersInTextAre400(String escaped) {
      Admin admin = newShop();

      Response note =
          admin.post(
              "/customers/c1/adjustments",
              "{\"points\": 5, \"note\": \"bad " + escaped + " note\"}");
      Response reward =
          admin.post(
              "/rewards",
              "{\"name\": \"$5" + escaped + "\", \"pointsCost\": 10, \"discountAmount\": 5}");
      Response tier =
          admin.put(
              "/settings",
              "{\"vipTiers\": [{\"name\": \"Go"
                  + escaped
                  + "ld\", \"threshold\": 1, \"basis\": \"POINTS\"}]}");

      assertThat(note.status()).as(note.body()).isEqualTo(400);
      assertThat(note.message()).contains("'note'", "control characters");
      assertThat(reward.status()).as(reward.body()).isEqualTo(400);
      assertThat(reward.message()).contains("'name'", "control characters");
      assertThat(tier.status()).as(tier.body()).isEqualTo(400);
      assertThat(tier.message()).contains("'vipTiers[0].name'", "control characters");
      assertThat(ledger.findCustomer(admin.shop().id(), "c1")).isEmpty();
      assertThat(admin.get("/rewards").json()).isEmpty();
    }

    @Test
    void tabsAndNewlinesAreFineInText() {
      Admin admin = newShop();

      Response note =
          admin.post(
              "/customers/c1/adjustments", "{\"points\": 5, \"note\": \"line 1\\n\\tline 2\"}");

      assertThat(note.status()).as(note.body()).isEqualTo(201);
      assertThat(note.json().get("note").asText()).isEqualTo("line 1\n\tline 2");
    }
  }

  @Nested
  class IdempotencyKeyHeader {

    @Test
    void theSameKeyAndBodyAnswersTheFirstResultWith200() {
      Admin admin = newShop();
      String body = "{\"points\": 40, \"note\": \"goodwill\"}";

      Response first = admin.post("/customers/c1/adjustments", body, "Idempotency-Key", "k-1");
      Response again = admin.post("/customers/c1/adjustments", body, "Idempotency-Key", "k-1");

      assertThat(first.status()).isEqualTo(201);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().get("entryId")).isEqualTo(first.json().get("entryId"));
      assertThat(again.json().get("applied").asBoolean()).isFalse();
      assertThat(ledger.findCustomer(admin.shop().id(), "c1").orElseThrow().pointsBalance())
          .isEqualTo(40);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
      Admin admin = newShop();
      admin.post(
          "/customers/c1/adjustments",
          "{\"points\": 40, \"note\": \"goodwill\"}",
          "Idempotency-Key",
          "k-1");

      Response otherPoints =
          admin.post(
              "/customers/c1/adjustments",
              "{\"points\": 41, \"note\": \"goodwill\"}",
              "Idempotency-Key",
              "k-1");
      Response otherNote =
          admin.post(
              "/customers/c1/adjustments",
              "{\"points\": 40, \"note\": \"other\"}",
              "Idempotency-Key",
              "k-1");

      for (Response answer : List.of(otherPoints, otherNote)) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().get("error").asText()).isEqualTo("idempotency_key_reused");
        assertThat(answer.message()).isNotBlank();
      }
      assertThat(ledger.findCustomer(admin.shop().id(), "c1").orElseThrow().pointsBalance())
          .isEqualTo(40);
    }

    @Test
    void keysOfDifferentCustomersNeverCollide() {
      Admin admin = newShop();
      String body = "{\"points\": 10, \"note\": \"n\"}";

      Response x = admin.post("/customers/X/adjustments", body, "Idempotency-Key", "x:k");
      Response xx = admin.post("/customers/X:x/adjustments", body, "Idempotency-Key", "k");

      assertThat(x.status()).isEqualTo(201);
      assertThat(xx.status()).as(xx.body()).isEqualTo(201);
      assertThat(xx.json().get("entryId")).isNotEqualTo(x.json().get("entryId"));
      assertThat(ledger.findCustomer(admin.shop().id(), "X:x").orElseThrow().pointsBalance())
          .isEqualTo(10);
    }

    @Test
    void keysAreAtMost255Characters() {
      Admin admin = newShop();
      String body = "{\"points\": 10, \"note\": \"n\"}";

      Response longest =
          admin.post("/customers/c1/adjustments", body, "Idempotency-Key", "k".repeat(255));
      Response tooLong =
          admin.post("/customers/c2/adjustments", body, "Idempotency-Key", "k".repeat(256));
      Response redemption =
          admin.post(
              "/customers/c2/redemptions", "{\"rewardId\": 1}", "Idempotency-Key", "k".repeat(256));

      assertThat(longest.status()).isEqualTo(201);
      for (Response answer : List.of(tooLong, redemption)) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.message()).contains("Idempotency-Key", "255");
      }
      assertThat(ledger.findCustomer(admin.shop().id(), "c2")).isEmpty();
    }
  }

  @Nested
  class BeforeTheControllers {

    @Test
    void errorRequestedDirectlyIs404Json() {
      for (String method : List.of("GET", "POST", "DELETE")) {
        Response answer = call(method, "/error", null, null, Map.of());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).isEqualTo("not_found");
      }
    }

    @Test
    void unknownPathsAre404Json() {
      for (String path : List.of("/nothing", "/api/v2/x", "/admin/missing.js", "/webhooks/other")) {
        Response answer = call("GET", path, null, null, Map.of());

        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().get("error").asText()).isEqualTo("not_found");
      }
    }

    @Test
    void aWrongMethodIs405JsonWithoutSpringsWords() {
      Admin admin = newShop();

      Response answer = call("PATCH", admin.path("/settings"), admin.token(), "{}", Map.of());

      assertThat(answer.status()).isEqualTo(405);
      assertThat(answer.json().get("error").asText()).isEqualTo("method_not_allowed");
      assertThat(answer.message()).contains("GET, PUT").doesNotContain("Request method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data", "multipart/form-data; boundary=x", "text/plain"})
    void anUndeclaredContentTypeIsNeverA500(String contentType) {
      Admin admin = newShop();

      Response get =
          call(
              "GET",
              admin.path("/activity"),
              admin.token(),
              null,
              Map.of("Content-Type", contentType));
      Response put =
          call(
              "PUT",
              admin.path("/settings"),
              admin.token(),
              null,
              Map.of("Content-Type", contentType));

      assertThat(get.status()).as(get.body()).isEqualTo(200);
      assertThat(put.status()).as(put.body()).isEqualTo(415);
      assertThat(put.json().get("error").asText()).isEqualTo("unsupported_media_type");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "/api/v1/shops/a%2Fb/settings",
          "/api/v1/shops/a%00b/settings",
          "/admin/%2e%2e%2f%2e%2e%2fetc",
          "/api/v1/shops/%ZZ/settings",
          "/a%5Cb"
        })
    void tomcatRejectionsAreJson(String path) {
      RawResponse answer =
          raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

      assertThat(answer.status()).as(answer.text()).isBetween(400, 404);
      assertThat(answer.header("content-type")).startsWith("application/json");
      assertThat(answer.header("content-security-policy")).contains("frame-ancestors 'none'");
      JsonNode body = json(answer.body());
      assertThat(body.get("error").asText()).isNotBlank();
      assertThat(body.get("message").asText()).isNotBlank();
      assertThat(answer.body()).doesNotContain("Tomcat", "<html", "Exception");
    }

    @Test
    void oversizedHeadersAreJson() {
      RawResponse answer =
          raw(
              "GET /api/v1/shops/x/settings HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                  + "a".repeat(20_000)
                  + "\r\nConnection: close\r\n\r\n");

      assertThat(answer.status()).as(answer.text()).isBetween(400, 431);
      assertThat(answer.header("content-type")).startsWith("application/json");
      assertThat(answer.body()).doesNotContain("Tomcat", "<html");
    }
  }

  @Nested
  class Security {

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
      Admin admin = newShop();
      List<Response> answers =
          List.of(
              call("GET", "/admin/", null, null, Map.of()),
              call("GET", "/admin/admin.js", null, null, Map.of()),
              admin.get("/settings"),
              call("GET", admin.path("/settings"), null, null, Map.of()),
              call("GET", "/nothing", null, null, Map.of()),
              call("GET", "/actuator/health", null, null, Map.of()));

      assertThat(answers)
          .allSatisfy(
              answer -> {
                assertThat(answer.headers().get("content-security-policy"))
                    .contains("frame-ancestors 'none'", "script-src 'self'");
                assertThat(answer.headers().get("x-content-type-options")).isEqualTo("nosniff");
                assertThat(answer.headers().get("referrer-policy")).isEqualTo("no-referrer");
              });
    }

    @Test
    void theAdminPageHoldsNoTokenAndNoInlineCode() {
      Response page = call("GET", "/admin/", null, null, Map.of());
      Response script = call("GET", "/admin/admin.js", null, null, Map.of());
      Response styles = call("GET", "/admin/admin.css", null, null, Map.of());

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.body())
          .doesNotContain("demo-admin-token", "<style", "<script>", " onclick=")
          .contains("<script src=\"admin.js\"></script>", "type=\"password\"");
      assertThat(page.body()).doesNotContainPattern("id=\"token\"[^>]*value=");
      assertThat(script.status()).isEqualTo(200);
      assertThat(script.body()).contains("sessionStorage").doesNotContain("demo-admin-token");
      assertThat(styles.status()).isEqualTo(200);
    }

    @Test
    void onlyHealthIsPublicAmongTheActuatorEndpoints() {
      Response health = call("GET", "/actuator/health", null, null, Map.of());
      Response metricsAnonymous = call("GET", "/actuator/metrics", null, null, Map.of());
      Response metricsAdmin = call("GET", "/actuator/metrics", newShop().token(), null, Map.of());
      Response metricsWrong = call("GET", "/actuator/metrics", "not-it", null, Map.of());
      Response index = call("GET", "/actuator", null, null, Map.of());
      Response info = call("GET", "/actuator/info", null, null, Map.of());
      Response metrics = call("GET", "/actuator/metrics", OPERATOR_TOKEN, null, Map.of());

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("UP");
      for (Response denied : List.of(metricsAnonymous, metricsAdmin, metricsWrong, index, info)) {
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().get("error").asText()).isEqualTo("unauthorized");
      }
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.json().get("names").isArray()).isTrue();
    }

    @Test
    void theLedgerAuditIsForTheOperatorAndFindsABrokenBalance() {
      Admin admin = newShop();
      admin.post("/customers/ok/adjustments", "{\"points\": 70, \"note\": \"n\"}");
      admin.post("/customers/broken/adjustments", "{\"points\": 30, \"note\": \"n\"}");
      // The database itself refuses this since V3 (a constraint trigger): the audit is the second
      // line of defence, so the corruption is written with triggers off for this one statement.
      transactions.executeWithoutResult(
          status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql(
                    "update customer set points_balance = 31 where shop_id = ? and customer_id = ?")
                .params(admin.shop().id(), "broken")
                .update();
          });

      Response anonymous = call("GET", "/api/v1/ledger/audit", null, null, Map.of());
      Response asAdmin = call("GET", "/api/v1/ledger/audit", admin.token(), null, Map.of());
      Response audit = call("GET", "/api/v1/ledger/audit", OPERATOR_TOKEN, null, Map.of());

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(asAdmin.status()).isEqualTo(401);
      assertThat(audit.status()).as(audit.body()).isEqualTo(200);
      assertThat(audit.json().get("customersChecked").asLong()).isGreaterThanOrEqualTo(2);
      assertThat(audit.json().get("entriesChecked").asLong()).isGreaterThanOrEqualTo(2);
      List<JsonNode> mine = new ArrayList<>();
      audit
          .json()
          .get("mismatches")
          .forEach(
              m -> {
                if (m.get("shop").asText().equals(admin.domain())) {
                  mine.add(m);
                }
              });
      assertThat(mine).hasSize(1);
      assertThat(mine.get(0).get("customerId").asText()).isEqualTo("broken");
      assertThat(mine.get(0).get("pointsBalance").asLong()).isEqualTo(31);
      assertThat(mine.get(0).get("sumOfEntries").asLong()).isEqualTo(30);
      jdbc.sql("update customer set points_balance = 30 where shop_id = ? and customer_id = ?")
          .params(admin.shop().id(), "broken")
          .update();
    }
  }

  @Nested
  class PagedFeeds {

    @Test
    void theCustomerActivityPagesWithNextBeforeUntilTheLastPage() {
      Admin admin = newShop();
      for (int i = 1; i <= 7; i++) {
        admin.post(
            "/customers/pager/adjustments", "{\"points\": %d, \"note\": \"n%d\"}".formatted(i, i));
      }
      List<String> whole = notes(admin.get("/customers/pager/activity?limit=100").json());

      List<String> walked = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String before = null;
      do {
        JsonNode page =
            admin
                .get(
                    "/customers/pager/activity?limit=3"
                        + (before == null ? "" : "&before=" + before))
                .json();
        walked.addAll(notes(page));
        sizes.add(page.get("entries").size());
        before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asText();
      } while (before != null);

      assertThat(whole).containsExactly("n7", "n6", "n5", "n4", "n3", "n2", "n1");
      assertThat(walked).containsExactlyElementsOf(whole);
      assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void theShopActivityPagesToo() {
      Admin admin = newShop();
      for (String customer : List.of("a", "b", "c")) {
        admin.post(
            "/customers/" + customer + "/adjustments",
            "{\"points\": 5, \"note\": \"" + customer + "\"}");
      }

      JsonNode first = admin.get("/activity?limit=2").json();
      JsonNode second =
          admin.get("/activity?limit=2&before=" + first.get("nextBefore").asText()).json();

      assertThat(notes(first)).containsExactly("c", "b");
      assertThat(notes(second)).containsExactly("a");
      assertThat(second.get("nextBefore").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "ZjEuMS4yLjM", "%00", "ZjEuMTIuMC4z%3D%3D%3D"})
    void aCursorThatIsNotOneOfOursIs400(String before) {
      Admin admin = newShop();
      admin.post("/customers/c1/adjustments", "{\"points\": 5, \"note\": \"n\"}");

      Response customer = admin.get("/customers/c1/activity?before=" + before);
      Response shop = admin.get("/activity?before=" + before);
      Response customers = admin.get("/customers?after=" + before);

      for (Response answer : List.of(customer, shop, customers)) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertNoInternals(answer);
      }
      assertThat(customer.message()).contains("'before'");
      assertThat(customers.message()).contains("'after'");
    }

    @Test
    void theCustomerListPagesAndFindsByPartOfTheId() {
      Admin admin = newShop();
      for (String customer : List.of("1001", "1002", "2001", "ann.lee", "ANNA")) {
        admin.post("/customers/" + customer + "/adjustments", "{\"points\": 5, \"note\": \"n\"}");
      }

      JsonNode first = admin.get("/customers?limit=2").json();
      JsonNode rest =
          admin.get("/customers?limit=10&after=" + first.get("nextAfter").asText()).json();
      JsonNode found = admin.get("/customers?query=ann").json();

      assertThat(ids(first)).containsExactly("1001", "1002");
      assertThat(ids(rest)).hasSize(3).doesNotContain("1001", "1002");
      assertThat(rest.get("nextAfter").isNull()).isTrue();
      assertThat(ids(found)).containsExactlyInAnyOrder("ann.lee", "ANNA");
      assertThat(found.get("customers").get(0).get("pointsBalance").asLong()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65, 1_000_000})
    void anEmptyOrHugeSearchIs400(int length) {
      Admin admin = newShop();

      Response answer = admin.get("/customers?query=" + "a".repeat(length));

      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertNoInternals(answer);
    }

    private static List<String> notes(JsonNode page) {
      List<String> notes = new ArrayList<>();
      page.get("entries").forEach(e -> notes.add(e.get("note").asText()));
      return notes;
    }

    private static List<String> ids(JsonNode page) {
      List<String> ids = new ArrayList<>();
      page.get("customers").forEach(c -> ids.add(c.get("customerId").asText()));
      return ids;
    }
  }

  @Nested
  class OpenApi {

    @Test
    void describesEveryAdminOperationAndTheWebhooksPublicly() {
      Response docs = call("GET", "/v3/api-docs", null, null, Map.of());

      assertThat(docs.status()).isEqualTo(200);
      JsonNode paths = docs.json().get("paths");
      Map<String, List<String>> operations = new HashMap<>();
      paths
          .fields()
          .forEachRemaining(
              path -> {
                List<String> methods = new ArrayList<>();
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
                operations.put(path.getKey(), methods);
              });
      String shop = "/api/v1/shops/{shop}";
      assertThat(operations)
          .containsEntry(shop + "/customers", List.of("GET"))
          .containsEntry(shop + "/customers/{customerId}", List.of("GET"))
          .containsEntry(shop + "/customers/{customerId}/activity", List.of("GET"))
          .containsEntry(shop + "/customers/{customerId}/adjustments", List.of("POST"))
          .containsEntry(shop + "/customers/{customerId}/redemptions", List.of("POST"))
          .containsEntry(shop + "/redemptions/{redemptionId}", List.of("GET"))
          .containsEntry(shop + "/activity", List.of("GET"))
          .containsEntry("/api/v1/ledger/audit", List.of("GET"))
          .containsEntry(shop + "/privacy/requests", List.of("GET"))
          .containsEntry(shop + "/privacy/customers/{customerId}/export", List.of("GET"))
          .containsEntry(
              "/api/v1/operator/shops/{shop}/privacy/customers/{customerId}/data-request",
              List.of("POST"))
          .containsEntry(
              "/api/v1/operator/shops/{shop}/privacy/customers/{customerId}/redact",
              List.of("POST"))
          .containsEntry("/api/v1/operator/shops/{shop}/redact", List.of("POST"))
          .containsEntry(shop + "/attention", List.of("GET"))
          .containsEntry(shop + "/attention/{id}/retry", List.of("POST"))
          .containsEntry(shop + "/attention/{id}/resolve", List.of("POST"))
          .containsEntry("/webhooks/shopify", List.of("POST"))
          .containsEntry("/webhooks/bigcommerce", List.of("POST"))
          .containsEntry("/api/v1/shops", List.of("POST"))
          .containsEntry(shop, List.of("DELETE"))
          .containsEntry(shop + "/webhook-subscriptions", List.of("GET"))
          .containsEntry(shop + "/webhook-subscriptions/repair", List.of("POST"));
      assertThat(operations.get(shop + "/redemptions/{redemptionId}/cancellation"))
          .containsExactlyInAnyOrder("GET", "POST");
      assertThat(operations.get(shop + "/earning-rules/place-order"))
          .containsExactlyInAnyOrder("GET", "PUT", "DELETE");
      assertThat(operations.get(shop + "/settings")).containsExactlyInAnyOrder("GET", "PUT");
      assertThat(operations.get(shop + "/reconciliations"))
          .containsExactlyInAnyOrder("GET", "POST");
      assertThat(operations.get(shop + "/rewards")).containsExactlyInAnyOrder("GET", "POST");
      assertThat(operations.get(shop + "/rewards/{rewardId}"))
          .containsExactlyInAnyOrder("GET", "DELETE");
      assertThat(operations.keySet())
          .noneMatch(p -> p.startsWith("/sandbox") || p.equals("/error"));
      assertThat(operations.values().stream().mapToInt(List::size).sum()).isEqualTo(35);
    }

    @Test
    void everyOperationHasTypedErrorsAndTheAdminOnesABearerToken() {
      JsonNode docs = call("GET", "/v3/api-docs", null, null, Map.of()).json();

      assertThat(docs.at("/components/securitySchemes/adminToken/scheme").asText())
          .isEqualTo("bearer");
      assertThat(docs.at("/components/schemas/ApiError/required").toString())
          .contains("error", "message");
      Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").fields();
      int checked = 0;
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
        Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
        while (methods.hasNext()) {
          JsonNode operation = methods.next().getValue();
          for (String code : List.of("400", "401", "404")) {
            assertThat(
                    operation
                        .at("/responses/" + code + "/content/application~1json/schema/$ref")
                        .asText())
                .as(path.getKey() + " " + code)
                .isEqualTo("#/components/schemas/ApiError");
          }
          // Installing and uninstalling shops is the operator's; the rest is the shop admin's.
          if (path.getKey().equals("/api/v1/shops")
              || path.getKey().equals("/api/v1/shops/{shop}")) {
            assertThat(operation.get("security").toString())
                .as(path.getKey())
                .contains("operatorToken")
                .doesNotContain("adminToken");
          } else if (path.getKey().startsWith("/api/v1/shops/")) {
            assertThat(operation.get("security").toString()).contains("adminToken");
            assertThat(operation.get("parameters").toString())
                .contains("\"name\":\"shop\"", "myshopify.com", "\"pattern\"");
          }
          checked++;
        }
      }
      assertThat(checked).isEqualTo(35);
      JsonNode resolve = docs.at("/components/schemas/ResolveRequest");
      assertThat(resolve.at("/properties/note/maxLength").asInt()).isEqualTo(500);
      assertThat(resolve.get("required").toString()).contains("note");
      JsonNode adjustment = docs.at("/components/schemas/AdjustmentRequest");
      assertThat(adjustment.at("/properties/points/maximum").asLong()).isEqualTo(1_000_000_000L);
      assertThat(adjustment.at("/properties/points/minimum").asLong()).isEqualTo(-1_000_000_000L);
      assertThat(adjustment.get("required").toString()).contains("points", "note");
      String shopify = docs.at("/paths/~1webhooks~1shopify/post/parameters").toString();
      assertThat(shopify)
          .contains("X-Shopify-Hmac-Sha256", "X-Shopify-Topic", "X-Shopify-Shop-Domain");
    }

    @Test
    void swaggerUiIsPublic() {
      Response ui = call("GET", "/swagger-ui/index.html", null, null, Map.of());
      Response redirect = call("GET", "/swagger-ui.html", null, null, Map.of());

      assertThat(ui.status()).isEqualTo(200);
      assertThat(ui.body()).contains("swagger");
      assertThat(redirect.status()).isIn(200, 302);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private static void assertNoInternals(Response answer) {
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().get("error").asText()).isNotBlank();
    assertThat(answer.body())
        .doesNotContain("io.pointsaga", "java.", "com.fasterxml", "$", "Exception", "SQL")
        .doesNotContainPattern("\\w+\\.\\w+\\.[A-Z]\\w+");
  }

  private Admin newShop() {
    String domain = "boundary-" + NUMBERS.incrementAndGet() + ".myshopify.com";
    Shop shop =
        shops.upsert(
            domain, PlatformKind.SHOPIFY, "http://127.0.0.1:1", "shpat_unused", "whsec", "USD");
    String token = "admin-" + UUID.randomUUID();
    shops.addAdminToken(shop.id(), token, "WebBoundaryTest");
    return new Admin(shop, token);
  }

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
      return call("GET", path(rest), token, null, Map.of());
    }

    Response put(String rest, String body) {
      return call("PUT", path(rest), token, body, Map.of());
    }

    Response post(String rest, String body) {
      return call("POST", path(rest), token, body, Map.of());
    }

    Response post(String rest, String body, String header, String value) {
      return call("POST", path(rest), token, body, Map.of(header, value));
    }
  }

  private record Response(
      int status, String contentType, Map<String, String> headers, String body) {
    JsonNode json() {
      return WebBoundaryTest.json(body);
    }

    String message() {
      return json().get("message").asText();
    }
  }

  private Response call(
      String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
      Map<String, String> firstValues = new HashMap<>();
      response
          .headers()
          .map()
          .forEach((name, values) -> firstValues.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          firstValues,
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record RawResponse(int status, Map<String, String> headers, String body, String text) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  /** Sends the request bytes as they are: no client normalises the path on the way. */
  private RawResponse raw(String request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      String text = bytes.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new RawResponse(status, headers, body, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
