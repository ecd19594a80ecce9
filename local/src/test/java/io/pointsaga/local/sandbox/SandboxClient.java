package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Drives one freshly registered shop of the sandbox over real HTTP with the JDK client, the way the
 * Shopify adapter and the acceptance checks do.
 */
final class SandboxClient {

  static final String ACCESS_TOKEN = "shpat_sandbox_test_token";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  static final String CREATE_MUTATION =
      """
            mutation discountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
              discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
                codeDiscountNode { id }
                userErrors { field code message }
              }
            }""";
  static final String LOOKUP_QUERY =
      """
            query codeDiscountNodeByCode($code: String!) {
              codeDiscountNodeByCode(code: $code) {
                id
                codeDiscount { __typename ... on DiscountCodeBasic { status asyncUsageCount } }
              }
            }""";
  static final String DEACTIVATE_MUTATION =
      """
            mutation discountCodeDeactivate($id: ID!) {
              discountCodeDeactivate(id: $id) {
                codeDiscountNode { id }
                userErrors { field code message }
              }
            }""";
  static final String DELETE_MUTATION =
      """
            mutation discountCodeDelete($id: ID!) {
              discountCodeDelete(id: $id) {
                deletedCodeDiscountId
                userErrors { field code message }
              }
            }""";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI baseUri;
  private final String shop;

  private SandboxClient(HttpClient http, URI baseUri, String shop) {
    this.http = http;
    this.baseUri = baseUri;
    this.shop = shop;
  }

  private SandboxClient(int port, String shop) {
    this(
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
        URI.create("http://localhost:" + port),
        shop);
  }

  /** The same shop through a client that speaks the given HTTP version. */
  SandboxClient speaking(HttpClient.Version version) {
    return new SandboxClient(
        HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(2)).build(),
        baseUri,
        shop);
  }

  /** A client for a new shop, registered with {@link #ACCESS_TOKEN}, so tests never share state. */
  static SandboxClient forNewShop(int port, SimulatedPlatform platform) {
    String shop = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    platform.registerShop(shop, ACCESS_TOKEN);
    return new SandboxClient(port, shop);
  }

  /** A client for a shop the platform never heard of. */
  static SandboxClient forUnregisteredShop(int port) {
    return new SandboxClient(
        port, "unregistered-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
  }

  String shop() {
    return shop;
  }

  // ---- Shopify Admin GraphQL -------------------------------------------------------------------

  HttpResponse<String> graphql(String query, Object variables) {
    return send(graphqlRequest(ACCESS_TOKEN, body(query, variables), DEFAULT_TIMEOUT));
  }

  HttpRequest graphqlRequest(String accessToken, String body, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri("/admin/api/2025-07/graphql.json"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (accessToken != null) {
      builder.header("X-Shopify-Access-Token", accessToken);
    }
    return builder.build();
  }

  static String body(String query, Object variables) {
    return toJson(Map.of("query", query, "variables", variables));
  }

  HttpResponse<String> create(String code, String title, String amount) {
    return graphql(CREATE_MUTATION, createVariables(code, title, amount));
  }

  static Map<String, Object> createVariables(String code, String title, String amount) {
    return Map.of(
        "basicCodeDiscount",
        Map.of(
            "title",
            title,
            "code",
            code,
            "startsAt",
            "2025-06-01T00:00:00Z",
            "context",
            Map.of("all", "ALL"),
            "customerGets",
            Map.of(
                "value",
                    Map.of("discountAmount", Map.of("amount", amount, "appliesOnEachItem", false)),
                "items", Map.of("all", true)),
            "usageLimit",
            1,
            "appliesOncePerCustomer",
            true));
  }

  /** Creates the code and answers its platform id, failing the test if the platform refused. */
  String createdId(String code) {
    JsonNode payload =
        json(create(code, "$5 off", "5.00")).path("data").path("discountCodeBasicCreate");
    String id = payload.path("codeDiscountNode").path("id").asText(null);
    if (id == null) {
      throw new AssertionError("code " + code + " was not created: " + payload);
    }
    return id;
  }

  HttpResponse<String> lookUp(String code) {
    return graphql(LOOKUP_QUERY, Map.of("code", code));
  }

  HttpResponse<String> deactivate(String id) {
    return graphql(DEACTIVATE_MUTATION, Map.of("id", id));
  }

  HttpResponse<String> delete(String id) {
    return graphql(DELETE_MUTATION, Map.of("id", id));
  }

  // ---- sandbox controls ------------------------------------------------------------------------

  HttpResponse<String> getCode(String code) {
    return send(
        HttpRequest.newBuilder(uri("/discount-codes/" + code))
            .timeout(DEFAULT_TIMEOUT)
            .GET()
            .build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(DEFAULT_TIMEOUT).GET().build());
  }

  HttpResponse<String> post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .timeout(DEFAULT_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> deletePath(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(DEFAULT_TIMEOUT).DELETE().build());
  }

  HttpResponse<String> injectFaults(String operation, int failures, String kind) {
    return post(
        "/faults", toJson(Map.of("operation", operation, "failures", failures, "kind", kind)));
  }

  JsonNode calls(String operation) {
    return json(get("/calls")).path(operation);
  }

  // ---- plumbing --------------------------------------------------------------------------------

  /** A URI under this shop's sandbox root, {@code /sandbox/shops/{shop}}. */
  URI uri(String pathUnderShop) {
    return baseUri.resolve("/sandbox/shops/" + shop + pathUnderShop);
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return sendOrFail(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends and lets transport failures (timeouts, cut connections) through as the adapter would meet
   * them.
   */
  HttpResponse<String> sendOrFail(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
