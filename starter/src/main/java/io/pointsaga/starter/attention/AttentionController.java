package io.pointsaga.starter.attention;

import io.pointsaga.attention.AttentionItem;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.shop.Shop;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's attention queue (SPEC §11): what needs a person, open items newest first. For now
 * order events that failed for good and rejected webhook deliveries; retry and resolve come later.
 */
@RestController
class AttentionController {
  private static final int LIMIT = 500;

  private final AttentionItems items;

  AttentionController(AttentionItems items) {
    this.items = items;
  }

  @GetMapping("/api/v1/shops/{shop}/attention")
  AttentionQueue attention(Shop shop) {
    return new AttentionQueue(
        items.open(shop.id(), LIMIT).stream().map(AttentionController::view).toList());
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
   * @param kind {@code ORDER_EVENT_FAILED} or {@code WEBHOOK_REJECTED}
   * @param subject the business object with its platform id, e.g. {@code refund 567 of order 1234}
   * @param workflowId the saga it happened in; null for a rejected delivery
   */
  record AttentionItemView(
      long id, String kind, String subject, String problem, Instant since, String workflowId) {}
}
