package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers a simulated shop's webhooks as Shopify does: the raw JSON body signed with the shop's
 * webhook secret ({@code X-Shopify-Hmac-Sha256}), with the topic, shop, webhook id, event id and
 * trigger time headers, POSTed to every address subscribed to the topic. Deliveries are sent after
 * the sandbox call answered, from a small executor, dropped, duplicated and delayed as the shop's
 * {@link WebhookDeliveryPolicy} draws. A failed delivery is logged, not retried: recovering it is
 * reconciliation's job (SPEC §10).
 */
@Component
class SandboxWebhookSender {
  private static final Logger log = LoggerFactory.getLogger(SandboxWebhookSender.class);

  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "sandbox-webhooks");
            thread.setDaemon(true);
            return thread;
          });

  SandboxWebhookSender(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Schedules the deliveries of one event, e.g. topic {@code orders/paid}, to the shop's
   * subscriptions for it; answers how many sends were scheduled.
   */
  int deliver(
      SimulatedShop shop, String topic, long orderId, ObjectNode payload, Instant triggeredAt) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook payload of " + topic + " not writable", e);
    }
    String signature = ShopifyWebhookSignature.sign(shop.webhookSecret(), body);
    String eventId = UUID.randomUUID().toString();
    String subscribedTopic = topic.toUpperCase(Locale.ROOT).replace('/', '_');
    int scheduled = 0;
    for (SimulatedWebhookSubscription subscription : shop.webhookSubscriptions()) {
      if (!subscription.topic().equals(subscribedTopic)) {
        continue;
      }
      String webhookId = UUID.randomUUID().toString();
      WebhookDeliveryRecord record =
          new WebhookDeliveryRecord(
              topic,
              String.valueOf(orderId),
              eventId,
              webhookId,
              subscription.uri(),
              WebhookDeliveryRecord.Outcome.DROPPED,
              0,
              null,
              triggeredAt);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(subscription.uri()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header("X-Shopify-Topic", topic)
              .header(ShopifyWebhookSignature.HEADER, signature)
              .header("X-Shopify-Shop-Domain", shop.domain())
              .header("X-Shopify-Webhook-Id", webhookId)
              .header("X-Shopify-Event-Id", eventId)
              .header("X-Shopify-Triggered-At", triggeredAt.toString())
              .header("X-Shopify-API-Version", "2025-07")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      List<Long> delays = shop.nextSendDelaysMs();
      if (delays.isEmpty()) {
        log.info("sandbox dropped {} of shop {} to {}", topic, shop.domain(), subscription.uri());
        shop.recordDelivery(record);
      }
      for (long delay : delays) {
        executor.schedule(() -> send(shop, record, request), delay, TimeUnit.MILLISECONDS);
        scheduled++;
      }
    }
    return scheduled;
  }

  private void send(SimulatedShop shop, WebhookDeliveryRecord record, HttpRequest request) {
    int status = 0;
    String error = null;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        log.warn(
            "sandbox webhook {} of shop {} to {} answered {}; not retried",
            record.topic(),
            shop.domain(),
            request.uri(),
            status);
      }
    } catch (IOException e) {
      error = e.toString();
      log.warn(
          "sandbox webhook {} of shop {} to {} not delivered ({}); not retried",
          record.topic(),
          shop.domain(),
          request.uri(),
          error);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    shop.recordDelivery(
        new WebhookDeliveryRecord(
            record.topic(),
            record.orderId(),
            record.eventId(),
            record.webhookId(),
            record.address(),
            WebhookDeliveryRecord.Outcome.SENT,
            status,
            error,
            Instant.now()));
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
