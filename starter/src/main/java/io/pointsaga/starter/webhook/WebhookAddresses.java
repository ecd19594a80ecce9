package io.pointsaga.starter.webhook;

import io.pointsaga.platform.PlatformKind;
import io.pointsaga.platform.WebhookEndpoint;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where platforms deliver webhooks: {@code pointsaga.public-url} (env {@code POINTSAGA_PUBLIC_URL})
 * and this node's webhook paths. Without a public URL (the embedded mode), the node's own {@code
 * http://localhost:{port}}.
 */
@Component
@EnableConfigurationProperties(WebhookAddresses.PublicUrlProperties.class)
public class WebhookAddresses {
  /** The paths of {@code WebhookController}. */
  static final String SHOPIFY_PATH = "/webhooks/shopify";

  static final String BIGCOMMERCE_PATH = "/webhooks/bigcommerce";

  /**
   * @param publicUrl the http(s) address at which the platforms reach this service, e.g. {@code
   *     https://points.example.com}; blank: {@code http://localhost:{server port}}
   */
  @ConfigurationProperties("pointsaga")
  public record PublicUrlProperties(String publicUrl) {}

  private final String configured;
  private final Environment environment;

  public WebhookAddresses(PublicUrlProperties properties, Environment environment) {
    String url = properties.publicUrl() == null ? "" : properties.publicUrl().strip();
    if (!url.isEmpty() && !url.matches("^https?://[^\\s/?#]+(/[^\\s?#]*)?$")) {
      throw new IllegalStateException(
          "pointsaga.public-url (POINTSAGA_PUBLIC_URL) must be an http(s) address such as"
              + " https://points.example.com, not '"
              + url
              + "'");
    }
    this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.environment = environment;
  }

  /** The address and secret the platform is to deliver the shop's webhooks with. */
  public WebhookEndpoint endpointFor(PlatformKind platform, String webhookSecret) {
    String path =
        switch (platform) {
          case SHOPIFY -> SHOPIFY_PATH;
          case BIGCOMMERCE -> BIGCOMMERCE_PATH;
        };
    return new WebhookEndpoint(publicUrl() + path, webhookSecret);
  }

  /** The address at which the platforms and browsers reach this service, without a final slash. */
  public String publicUrl() {
    if (!configured.isEmpty()) {
      return configured;
    }
    String port =
        environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
    return "http://localhost:" + port;
  }
}
