package io.pointsaga.starter.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.starter.web.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The one HTTP client of the install flows: posts a code to a platform's token endpoint. */
@Component
class OAuthHttp {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ObjectMapper json;

  OAuthHttp(ObjectMapper json) {
    this.json = json;
  }

  /**
   * POSTs the JSON body and answers the JSON reply; anything but a 2xx with an {@code access_token}
   * is a 502 naming the platform (the body, which may hold secrets, is not echoed).
   */
  JsonNode exchange(String platform, String tokenUrl, Map<String, String> body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(tokenUrl))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build();
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw refused(platform, "answered HTTP " + response.statusCode());
      }
      JsonNode reply = json.readTree(response.body());
      if (reply == null || !reply.path("access_token").isTextual()) {
        throw refused(platform, "answered without an access_token");
      }
      return reply;
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "platform_unavailable",
          platform
              + "'s token endpoint could not be reached or answered something unreadable."
              + " Nothing was installed; start the install again in a few minutes.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE, "platform_unavailable", "Interrupted; try again.");
    }
  }

  private static ApiException refused(String platform, String what) {
    return new ApiException(
        HttpStatus.BAD_GATEWAY,
        "platform_error",
        platform
            + "'s token endpoint "
            + what
            + " when exchanging the authorization code. Nothing was installed; start the"
            + " install again from the platform.");
  }
}
