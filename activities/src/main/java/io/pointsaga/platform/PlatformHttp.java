package io.pointsaga.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The one HTTP client all adapters share; turns transport errors into retryable failures. */
final class PlatformHttp {

  private final HttpClient client;
  private final PlatformHttpSettings settings;

  PlatformHttp(PlatformHttpSettings settings) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.settings = settings;
  }

  /** A request to {@code apiBaseUrl + path}, with the per-request timeout already set. */
  HttpRequest.Builder request(PlatformCall call, String apiBaseUrl, String path) {
    String base =
        apiBaseUrl.endsWith("/") ? apiBaseUrl.substring(0, apiBaseUrl.length() - 1) : apiBaseUrl;
    try {
      return HttpRequest.newBuilder(URI.create(base + path)).timeout(settings.requestTimeout());
    } catch (IllegalArgumentException e) {
      throw PlatformFailures.invalid(
          call, "the shop's API base URL '" + apiBaseUrl + "' is not a valid http(s) URL");
    }
  }

  /** Sends the request; any HTTP status comes back, transport failures are thrown. */
  PlatformResponse send(PlatformCall call, HttpRequest request) {
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new PlatformResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw PlatformFailures.transportFailed(call, e, settings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PlatformFailures.interrupted(call, e);
    }
  }
}
