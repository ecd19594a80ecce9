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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
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
 * Delivers a simulated shop's webhooks as its platform does. Shopify: the raw JSON body signed with
 * the shop's webhook secret ({@code X-Shopify-Hmac-Sha256}), with the topic, shop, webhook id,
 * event id and trigger time headers, POSTed to every address subscribed to the topic. BigCommerce:
 * ids only ({@code scope}, {@code data}, {@code hash}, {@code producer}), with the custom headers
 * of each active hook of the scope (BigCommerce signs nothing). Deliveries are sent after the
 * sandbox call answered, from a small executor, dropped, duplicated and delayed as the shop's
 * {@link WebhookDeliveryPolicy} draws. A failed delivery is logged, not retried: recovering it is
 * reconciliation's job (SPEC §10).
 */
@Component
class SandboxWebhookSender {
  private static final Logger log = LoggerFactory.getLogger(SandboxWebhookSender.class);

  private static final SecureRandom RANDOM = new SecureRandom();

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
   * Schedules the deliveries of one Shopify event, e.g. topic {@code orders/paid}, to the shop's
   * subscriptions for it; answers how many sends were scheduled.
   */
  int deliver(
      SimulatedShop shop, String topic, long orderId, ObjectNode payload, Instant triggeredAt) {
    byte[] body = bytes(topic, payload);
    String signature = ShopifyWebhookSignature.sign(shop.webhookSecret(), body);
    String eventId = UUID.randomUUID().toString();
    String subscribedTopic = topic.toUpperCase(Locale.ROOT).replace('/', '_');
    int scheduled = 0;
    for (SimulatedWebhookSubscription subscription : shop.webhookSubscriptions()) {
      if (!subscription.topic().equals(subscribedTopic)) {
        continue;
      }
      String webhookId = UUID.randomUUID().toString();
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
      scheduled +=
          schedule(
              shop,
              new WebhookDeliveryRecord(
                  topic,
                  String.valueOf(orderId),
                  eventId,
                  webhookId,
                  subscription.uri(),
                  WebhookDeliveryRecord.Outcome.DROPPED,
                  0,
                  null,
                  triggeredAt),
              request);
    }
    return scheduled;
  }

  /**
   * Schedules the deliveries of one BigCommerce event, e.g. scope {@code
   * store/order/statusUpdated}, to the store's active hooks for it, each with the custom headers
   * set at subscription; answers how many sends were scheduled. Every delivery of the event carries
   * the same {@code hash} (the record's event id), as BigCommerce's retries do.
   */
  int deliverToHooks(
      SimulatedShop shop, String scope, long orderId, ObjectNode data, Instant triggeredAt) {
    String hash = HexFormat.of().formatHex(randomBytes(20));
    byte[] body = bytes(scope, BigCommerceResources.webhook(shop, scope, data, hash, triggeredAt));
    int scheduled = 0;
    for (SimulatedHook hook : shop.hooks()) {
      if (!hook.active() || !hook.scope().equals(scope)) {
        continue;
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(hook.destination()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      hook.headers().forEach(request::header);
      scheduled +=
          schedule(
              shop,
              new WebhookDeliveryRecord(
                  scope,
                  String.valueOf(orderId),
                  hash,
                  String.valueOf(hook.id()),
                  hook.destination(),
                  WebhookDeliveryRecord.Outcome.DROPPED,
                  0,
                  null,
                  triggeredAt),
              request.build());
    }
    return scheduled;
  }

  /**
   * Sends the request as the shop's delivery policy draws: dropped (recorded at once), or once or
   * twice after a delay; answers the number of sends scheduled.
   */
  private int schedule(SimulatedShop shop, WebhookDeliveryRecord record, HttpRequest request) {
    List<Long> delays = shop.nextSendDelaysMs();
    if (delays.isEmpty()) {
      log.info(
          "sandbox dropped {} of shop {} to {}", record.topic(), shop.domain(), record.address());
      shop.recordDelivery(record);
    }
    for (long delay : delays) {
      executor.schedule(() -> send(shop, record, request), delay, TimeUnit.MILLISECONDS);
    }
    return delays.size();
  }

  private byte[] bytes(String topic, ObjectNode payload) {
    try {
      return json.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook payload of " + topic + " not writable", e);
    }
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
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
