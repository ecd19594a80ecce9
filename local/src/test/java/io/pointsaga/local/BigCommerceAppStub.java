package io.pointsaga.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigCommerce's OAuth token endpoint and the store API calls of an install ({@code GET /v2/store},
 * {@code GET|POST /v3/hooks}) on a JDK HTTP server, for the app callbacks' tests. A code {@code
 * good-*} buys the token {@code bc-token-{hash}} for the context it is sent with, once.
 */
final class BigCommerceAppStub {
  static final String CLIENT_ID = "test-bc-client-id";
  static final String CLIENT_SECRET = "test-bc-client-secret";

  private static final Pattern STORE_PATH =
      Pattern.compile("^/stores/([a-z0-9]+)(/v2/store|/v3/hooks)$");

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Boolean> usedCodes = new ConcurrentHashMap<>();

  /** The token requests' bodies as received. */
  final List<JsonNode> tokenRequests = new CopyOnWriteArrayList<>();

  /** The hooks created, per store hash. */
  final Map<String, List<JsonNode>> hooksByStore = new ConcurrentHashMap<>();

  BigCommerceAppStub() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/oauth2/token", this::token);
    server.createContext("/stores/", this::store);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange exchange) throws IOException {
    JsonNode body = json.readTree(exchange.getRequestBody());
    tokenRequests.add(body);
    String code = body.path("code").asText();
    String context = body.path("context").asText();
    boolean good =
        "POST".equals(exchange.getRequestMethod())
            && CLIENT_ID.equals(body.path("client_id").asText())
            && CLIENT_SECRET.equals(body.path("client_secret").asText())
            && "authorization_code".equals(body.path("grant_type").asText())
            && code.startsWith("good-")
            && usedCodes.putIfAbsent(code, true) == null
            && context.startsWith("stores/");
    if (!good) {
      answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
      return;
    }
    String hash = context.substring("stores/".length());
    answer(
        exchange,
        200,
        json.writeValueAsString(
            Map.of(
                "access_token",
                "bc-token-" + hash,
                "scope",
                body.path("scope").asText(),
                "context",
                context,
                "user",
                Map.of("id", 1, "email", "owner@example.com"))));
  }

  private void store(HttpExchange exchange) throws IOException {
    Matcher path = STORE_PATH.matcher(exchange.getRequestURI().getPath());
    if (!path.matches()) {
      answer(exchange, 404, "{\"status\":404}");
      return;
    }
    String hash = path.group(1);
    if (!("bc-token-" + hash).equals(exchange.getRequestHeaders().getFirst("X-Auth-Token"))) {
      answer(exchange, 401, "{\"status\":401,\"title\":\"Unauthorized\"}");
      return;
    }
    List<JsonNode> hooks = hooksByStore.computeIfAbsent(hash, h -> new CopyOnWriteArrayList<>());
    switch (path.group(2) + " " + exchange.getRequestMethod()) {
      case "/v2/store GET" ->
          answer(exchange, 200, "{\"name\":\"Store " + hash + "\",\"currency\":\"USD\"}");
      case "/v3/hooks GET" -> answer(exchange, 200, json.writeValueAsString(Map.of("data", hooks)));
      case "/v3/hooks POST" -> {
        JsonNode hook = json.readTree(exchange.getRequestBody());
        hooks.add(hook);
        answer(exchange, 200, json.writeValueAsString(Map.of("data", hook)));
      }
      default -> answer(exchange, 405, "{\"status\":405}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
