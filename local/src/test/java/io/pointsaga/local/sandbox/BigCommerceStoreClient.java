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
import java.util.UUID;

/**
 * Drives one freshly registered simulated BigCommerce store over real HTTP: its API with {@code
 * X-Auth-Token} as the product's adapters call it, and the sandbox controls.
 */
final class BigCommerceStoreClient {

  static final String TOKEN = "bc-sandbox-test-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;
  final String domain;

  private BigCommerceStoreClient(int port, String domain) {
    this.base = "http://localhost:" + port;
    this.domain = domain;
  }

  static BigCommerceStoreClient forNewStore(int port, SimulatedPlatform platform) {
    String domain = "store-" + UUID.randomUUID().toString().substring(0, 8) + ".mybigcommerce.com";
    platform.registerBigCommerceStore(domain, TOKEN);
    return new BigCommerceStoreClient(port, domain);
  }

  /** The store API, {@code path} under the store's API base (e.g. {@code /v2/store}). */
  HttpResponse<String> api(String method, String path, Object body) {
    return api(method, path, body, TOKEN);
  }

  HttpResponse<String> api(String method, String path, Object body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/sandbox/shops/" + domain + path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(method, publisher(body));
    if (token != null) {
      request.header("X-Auth-Token", token);
    }
    return send(request.build());
  }

  /** A sandbox control of the store, {@code path} under {@code /sandbox/shops/{shop}}. */
  HttpResponse<String> control(String method, String path, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/sandbox/shops/" + domain + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, publisher(body))
            .build());
  }

  HttpResponse<String> raw(String method, String pathFromRoot, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + pathFromRoot))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, publisher(body))
            .build());
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private static HttpRequest.BodyPublisher publisher(Object body) {
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    try {
      return HttpRequest.BodyPublishers.ofString(
          body instanceof String text ? text : JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
