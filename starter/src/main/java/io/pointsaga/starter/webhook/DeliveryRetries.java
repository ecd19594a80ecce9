package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.shop.Shop;
import java.io.IOException;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * What the attention queue's retry does with recorded deliveries: hand one to its saga again, or
 * validate a rejected one again with the shop's current rules (its currency may have been fixed).
 */
@Service
public class DeliveryRetries {
  private final WebhookInbox inbox;
  private final OrderSagaRelay relay;
  private final ObjectMapper json;

  DeliveryRetries(WebhookInbox inbox, OrderSagaRelay relay, ObjectMapper json) {
    this.inbox = inbox;
    this.relay = relay;
    this.json = json;
  }

  /** How validating a rejected delivery again ended. */
  public sealed interface Revalidation {
    /** Valid now: recorded as pending and handed to its saga under its business key. */
    record Accepted(String businessKey) implements Revalidation {}

    /** Valid now, but its business event was recorded from another delivery: nothing to do. */
    record Duplicate(String businessKey) implements Revalidation {}

    /** Still invalid, for this reason. */
    record StillRejected(String reason) implements Revalidation {}

    /** Its body was not kept (rejected before bodies were) or it is not a rejected delivery. */
    record NotKept() implements Revalidation {}
  }

  /**
   * Hands the delivery (recorded, not rejected) to its saga again under its business key; the saga
   * applies its event if it has not been applied. False when the shop has no such delivery.
   */
  public boolean dispatchAgain(Shop shop, long inboxId) {
    Optional<WebhookInbox.Entry> entry = inbox.again(shop.id(), inboxId);
    entry.ifPresent(relay::dispatchAgain);
    return entry.isPresent();
  }

  /** Validates a rejected delivery again, as it arrived, with the shop's current rules. */
  public Revalidation revalidate(Shop shop, long inboxId) {
    Optional<WebhookInbox.RejectedRow> found = inbox.rejected(shop.id(), inboxId);
    if (found.isEmpty() || found.get().body() == null) {
      return new Revalidation.NotKept();
    }
    WebhookInbox.RejectedRow row = found.get();
    ParsedDelivery delivery;
    try {
      delivery = parse(shop, row);
    } catch (InvalidWebhookException
        | MalformedWebhookException
        | UnsupportedTopicException
        | IOException e) {
      String reason = e instanceof IOException ? "The body is not valid JSON." : e.getMessage();
      inbox.stillRejected(row.id(), reason);
      return new Revalidation.StillRejected(reason);
    }
    delivery = delivery.withInboxId(row.id());
    try {
      if (!inbox.acceptRejected(row.id(), delivery)) {
        return new Revalidation.NotKept();
      }
    } catch (DuplicateKeyException recordedMeanwhile) {
      return new Revalidation.Duplicate(delivery.businessKey());
    }
    relay.dispatchSoon(row.id(), shop.domain(), delivery.event());
    return new Revalidation.Accepted(delivery.businessKey());
  }

  private ParsedDelivery parse(Shop shop, WebhookInbox.RejectedRow row) throws IOException {
    JsonNode payload = json.readTree(row.body());
    if (payload == null || !payload.isObject()) {
      throw new IOException("not a JSON object");
    }
    return "BIGCOMMERCE".equals(row.platform())
        ? new BigCommerceWebhookParser().parse(shop.domain(), payload)
        : new ShopifyWebhookParser(shop.currency()).parse(shop.domain(), row.topic(), payload);
  }
}
