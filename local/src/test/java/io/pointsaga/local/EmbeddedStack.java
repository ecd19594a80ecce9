package io.pointsaga.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded mode as a user runs it: the real {@link LocalApplication} with its embedded
 * PostgreSQL and Temporal test server, on a random HTTP port, driven over real HTTP. One per JVM.
 * Public for the benchmarks ({@code io.pointsaga.local.bench}), which need its context and address.
 */
public final class EmbeddedStack {
  public static final String SHOP = "demo-shop.myshopify.com";
  static final String TOKEN = "demo-admin-token";

  private static EmbeddedStack instance;

  public final ConfigurableApplicationContext context;

  /**
   * Between the app and Temporal: {@code temporal.disconnect()} makes Temporal unreachable. Null
   * when {@code -Dpointsaga.test.temporal-proxy=false} (benchmarks).
   */
  final TcpProxy temporal;

  /**
   * BigCommerce's token endpoint and store API for the app callbacks (BigCommerceAppEndToEndTest).
   */
  final BigCommerceAppStub bigCommerce;

  public final String baseUrl;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();

  private EmbeddedStack(
      ConfigurableApplicationContext context, TcpProxy temporal, BigCommerceAppStub bigCommerce) {
    this.context = context;
    this.temporal = temporal;
    this.bigCommerce = bigCommerce;
    this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  public static synchronized EmbeddedStack get() {
    if (instance == null) {
      EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.throwaway();
      // Tests need the proxy to cut Temporal off; benchmarks measure without its extra hop.
      boolean proxied = !"false".equals(System.getProperty("pointsaga.test.temporal-proxy"));
      TcpProxy temporal = proxied ? new TcpProxy(infrastructure.temporalPort()) : null;
      int temporalPort = proxied ? temporal.port() : infrastructure.temporalPort();
      // As command-line arguments: they outrank local.yml (which sets server.port 8080), while
      // builder properties are only defaults. Port 0: Tomcat binds a free port itself, once.
      BigCommerceAppStub bigCommerce = new BigCommerceAppStub();
      ConfigurableApplicationContext context =
          LocalApplication.application(infrastructure)
              .run(
                  "--server.port=0",
                  "--pointsaga.sandbox.timeout-fault-delay=PT4S",
                  "--spring.temporal.connection.target=127.0.0.1:" + temporalPort,
                  "--pointsaga.bigcommerce.client-id=" + BigCommerceAppStub.CLIENT_ID,
                  "--pointsaga.bigcommerce.client-secret=" + BigCommerceAppStub.CLIENT_SECRET,
                  "--pointsaga.bigcommerce.token-url=" + bigCommerce.baseUrl() + "/oauth2/token",
                  "--pointsaga.bigcommerce.api-base-url=" + bigCommerce.baseUrl());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    context.close();
                    infrastructure.close();
                  }));
      instance = new EmbeddedStack(context, temporal, bigCommerce);
    }
    return instance;
  }

  record Response(int status, JsonNode body) {}

  Response api(String method, String path, Object body) {
    return call(method, "/api/v1/shops/" + SHOP + path, body, TOKEN);
  }

  Response sandbox(String method, String path, Object body) {
    return call(method, "/sandbox/shops/" + SHOP + path, body, null);
  }

  Response call(String method, String path, Object body, String token) {
    return send(method, path, body, token, null, null);
  }

  Response callWithHeader(String method, String path, Object body, String header, String value) {
    return send(method, path, body, TOKEN, header, value);
  }

  private Response send(
      String method, String path, Object body, String token, String header, String value) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (header != null) {
        request.header(header, value);
      }
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(
                  body instanceof String raw ? raw : json.writeValueAsString(body));
      HttpResponse<String> response =
          http.send(
              request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.body().isBlank() ? null : json.readTree(response.body());
      return new Response(response.statusCode(), parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
