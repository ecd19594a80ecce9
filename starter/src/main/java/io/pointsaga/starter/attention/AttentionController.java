package io.pointsaga.starter.attention;

import io.pointsaga.attention.AttentionItem;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.ClosedBy;
import io.pointsaga.attention.StoredAttentionItem;
import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.Note;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's attention queue (SPEC §11): what needs a person, open items newest first; retry drives
 * an item again, resolve closes it with a note in the shop's activity.
 */
@RestController
class AttentionController {
  private static final Logger log = LoggerFactory.getLogger(AttentionController.class);
  private static final int LIMIT = 500;
  static final int MAX_NOTE_LENGTH = 500;

  private final AttentionItems items;
  private final AttentionRetries retries;
  private final Activity activity;
  private final TransactionTemplate tx;
  private final Clock clock;

  AttentionController(
      AttentionItems items,
      AttentionRetries retries,
      Activity activity,
      TransactionTemplate tx,
      Clock clock) {
    this.items = items;
    this.retries = retries;
    this.activity = activity;
    this.tx = tx;
    this.clock = clock;
  }

  @GetMapping("/api/v1/shops/{shop}/attention")
  AttentionQueue attention(Shop shop) {
    return new AttentionQueue(
        items.open(shop.id(), LIMIT).stream().map(AttentionController::view).toList());
  }

  @PostMapping("/api/v1/shops/{shop}/attention/{id}/retry")
  @ApiResponse(responseCode = "200", description = "What the retry did")
  @ApiResponse(
      responseCode = "409",
      description =
          "The item is closed already, or this item cannot be retried (the message says"
              + " what to do instead)",
      content =
          @io.swagger.v3.oas.annotations.media.Content(
              schema = @Schema(implementation = io.pointsaga.starter.web.ApiError.class)))
  RetryView retry(Shop shop, @PathVariable long id) {
    StoredAttentionItem stored = openItem(shop, id);
    RetryOutcome outcome = retries.retry(shop, stored);
    boolean stillOpen = items.find(shop.id(), id).map(StoredAttentionItem::open).orElse(false);
    log.info(
        "attention item {} of shop {} ({}) retried: {}",
        id,
        shop.domain(),
        stored.item().kind(),
        outcome.action());
    return new RetryView(
        id,
        stored.item().kind().name(),
        stored.item().subject(),
        outcome.action().name(),
        outcome.message(),
        outcome.workflowId(),
        stillOpen);
  }

  @PostMapping("/api/v1/shops/{shop}/attention/{id}/resolve")
  @ApiResponse(responseCode = "200", description = "Resolved; the note is in the shop's activity")
  @ApiResponse(
      responseCode = "409",
      description = "The item is closed already",
      content =
          @io.swagger.v3.oas.annotations.media.Content(
              schema = @Schema(implementation = io.pointsaga.starter.web.ApiError.class)))
  ResolvedView resolve(
      Shop shop, @PathVariable long id, @Valid @RequestBody ResolveRequest request) {
    StoredAttentionItem stored = openItem(shop, id);
    String note = request.note().trim();
    AttentionItem item = stored.item();
    Instant resolvedAt = clock.instant();
    tx.executeWithoutResult(
        status -> {
          if (!items.close(shop.id(), id, ClosedBy.PERSON, note)) {
            throw closed(id);
          }
          activity.add(
              new Note(
                  shop.id(),
                  null,
                  "ATTENTION_RESOLVED",
                  stored.redemptionId(),
                  stored.orderId(),
                  "Resolved attention item %d (%s, %s): %s"
                      .formatted(id, item.kind(), item.subject(), note),
                  "attention:%d:resolved:%d".formatted(id, item.since().toEpochMilli())));
        });
    log.info("attention item {} of shop {} ({}) resolved", id, shop.domain(), item.kind());
    return new ResolvedView(
        id,
        item.kind().name(),
        item.subject(),
        note,
        resolvedAt,
        "Resolved; the note is in the shop's activity.");
  }

  private StoredAttentionItem openItem(Shop shop, long id) {
    StoredAttentionItem stored =
        items
            .find(shop.id(), id)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Attention item %d does not exist in shop %s."
                            .formatted(id, shop.domain())));
    if (!stored.open()) {
      throw closed(id);
    }
    return stored;
  }

  static ApiException closed(long id) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "attention_item_closed",
        "Attention item %d is closed already (resolved or retried); it comes back if it fails again."
            .formatted(id));
  }

  private static AttentionItemView view(AttentionItem item) {
    return new AttentionItemView(
        item.id(),
        item.kind().name(),
        item.subject(),
        item.problem(),
        item.since(),
        item.workflowId());
  }

  record AttentionQueue(List<AttentionItemView> items) {}

  /**
   * @param kind {@code ORDER_EVENT_FAILED}, {@code WEBHOOK_REJECTED}, {@code DELIVERY_STUCK},
   *     {@code REDEMPTION_NEEDS_FOLLOW_UP}, {@code REDEMPTION_PLATFORM_FAILED}, {@code
   *     SUBSCRIPTION_MISSING} or {@code RECONCILIATION_FAILED}
   * @param subject the business object with its platform id, e.g. {@code refund 567 of order 1234}
   * @param workflowId the saga it happened in; null for a rejected delivery or a subscription
   */
  record AttentionItemView(
      long id, String kind, String subject, String problem, Instant since, String workflowId) {}

  /**
   * @param note why the item can be closed; written in the shop's activity
   */
  record ResolveRequest(
      @NotBlank(message = "is required: say how the problem was handled")
          @Size(max = MAX_NOTE_LENGTH, message = "must be at most 500 characters")
          String note) {}

  /**
   * @param action {@code CANCELLATION_RUN}, {@code EVENT_HANDED_TO_SAGA}, {@code
   *     DELIVERY_DISPATCHED_AGAIN}, {@code DELIVERY_VALIDATED_AGAIN}, {@code
   *     SUBSCRIPTIONS_REPAIRED} or {@code RECONCILIATION_STARTED}
   * @param message what happened, in business words
   * @param workflowId the saga that runs it now, if any
   * @param open whether the item is still in the queue (it also comes back if it fails again)
   */
  record RetryView(
      long id,
      String kind,
      String subject,
      String action,
      String message,
      String workflowId,
      boolean open) {}

  /**
   * @param message what happened, in business words (the admin page shows it)
   */
  record ResolvedView(
      long id, String kind, String subject, String note, Instant resolvedAt, String message) {}
}
