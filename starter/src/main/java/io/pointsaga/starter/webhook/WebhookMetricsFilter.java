package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pointsaga.metrics.BusinessSeries;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Every webhook delivery, whatever its answer, is counted once in {@code
 * pointsaga_webhooks_total{platform,topic,result}}, timed from arrival to answer in {@code
 * pointsaga_webhook_acknowledgement_seconds{platform,result}} (buckets up to Shopify's 5 s limit),
 * and logged as one INFO line naming the shop, the delivery and the result. Outside the controller,
 * so that no answer path can be missed: the result is read from the answer itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class WebhookMetricsFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(WebhookMetricsFilter.class);
  private static final String SHOPIFY_PATH = "/webhooks/shopify";
  private static final String BIGCOMMERCE_PATH = "/webhooks/bigcommerce";

  /** BigCommerce bodies carry ids only; a longer one is not read for its scope. */
  private static final int BIGCOMMERCE_BODY_LIMIT = 16 * 1024;

  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5)
  };

  private final MeterRegistry registry;
  private final ObjectMapper json;

  WebhookMetricsFilter(MeterRegistry registry, ObjectMapper json) {
    this.registry = registry;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !SHOPIFY_PATH.equals(path) && !BIGCOMMERCE_PATH.equals(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long started = System.nanoTime();
    boolean shopify = SHOPIFY_PATH.equals(request.getRequestURI());
    HttpServletRequest seen =
        shopify ? request : new ContentCachingRequestWrapper(request, BIGCOMMERCE_BODY_LIMIT);
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(seen, answer);
    } finally {
      long elapsed = System.nanoTime() - started;
      try {
        record(shopify, seen, answer, elapsed);
      } finally {
        answer.copyBodyToResponse();
      }
    }
  }

  private void record(
      boolean shopify,
      HttpServletRequest request,
      ContentCachingResponseWrapper answer,
      long nanos) {
    JsonNode body = read(answer.getContentAsByteArray());
    String result = WebhookResults.of(answer.getStatus(), text(body, "status"));
    String platform = shopify ? "shopify" : "bigcommerce";
    String topic;
    String shop;
    String delivery;
    if (shopify) {
      topic = WebhookTopics.shopify(request.getHeader("X-Shopify-Topic"));
      shop = request.getHeader("X-Shopify-Shop-Domain");
      delivery =
          firstPresent(
              request.getHeader("X-Shopify-Event-Id"), request.getHeader("X-Shopify-Webhook-Id"));
    } else {
      JsonNode payload =
          request instanceof ContentCachingRequestWrapper cached
              ? read(cached.getContentAsByteArray())
              : null;
      topic = WebhookTopics.bigCommerce(text(payload, "scope"));
      shop = request.getHeader("X-PointSaga-Shop");
      delivery = text(payload, "hash");
    }
    Counter.builder(BusinessSeries.WEBHOOKS)
        .description("Webhook deliveries answered, by platform, topic and result")
        .tags("platform", platform, "topic", topic, "result", result)
        .register(registry)
        .increment();
    Timer.builder(BusinessSeries.WEBHOOK_ACKNOWLEDGEMENT)
        .description("Time from a webhook delivery's arrival to its answer")
        .tags("platform", platform, "result", result)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos(nanos));
    log.info(
        "webhook {} {} shop={} delivery={} result={}{} in {} ms",
        platform,
        topic,
        LogText.safe(shop),
        LogText.safe(delivery),
        result,
        detail(body),
        nanos / 1_000_000);
  }

  /** What the answer says beyond its status: the business key, the reason, the message. */
  private static String detail(JsonNode body) {
    StringBuilder detail = new StringBuilder();
    for (String field : new String[] {"inboxId", "businessKey", "reason", "message"}) {
      String value = text(body, field);
      if (value != null) {
        detail.append(' ').append(field).append('=').append(LogText.safe(value));
      }
    }
    return detail.toString();
  }

  private JsonNode read(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    try {
      return json.readTree(bytes);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  private static String firstPresent(String first, String second) {
    return first != null && !first.isBlank() ? first : second;
  }
}
