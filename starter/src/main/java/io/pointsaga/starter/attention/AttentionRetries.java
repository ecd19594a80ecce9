package io.pointsaga.starter.attention;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.ClosedBy;
import io.pointsaga.attention.StoredAttentionItem;
import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.redemption.CancellationResult;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.Redemptions;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.redemption.RedemptionSagas;
import io.pointsaga.starter.redemption.RedemptionSagas.SagaState;
import io.pointsaga.starter.shop.ShopInstallation;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.webhook.DeliveryRetries;
import io.pointsaga.starter.webhook.DeliveryRetries.Revalidation;
import io.pointsaga.temporal.WorkflowIds;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Drives an attention item again (SPEC §11). The item is closed as handed back before anything
 * runs, so that the saga that fails again reopens it (a person's resolution is final); when the
 * retry cannot even start, the close is undone and the error answered.
 */
@Service
class AttentionRetries {
  private final AttentionItems items;
  private final Redemptions redemptions;
  private final RedemptionSagas sagas;
  private final DeliveryRetries deliveries;
  private final ShopInstallation installation;
  private final ObjectProvider<ReconciliationTrigger> reconciliation;
  private final Duration cancellationWait;

  AttentionRetries(
      AttentionItems items,
      Redemptions redemptions,
      RedemptionSagas sagas,
      DeliveryRetries deliveries,
      ShopInstallation installation,
      ObjectProvider<ReconciliationTrigger> reconciliation,
      @Value("${pointsaga.api.cancellation-wait:PT3S}") Duration cancellationWait) {
    this.items = items;
    this.redemptions = redemptions;
    this.sagas = sagas;
    this.deliveries = deliveries;
    this.installation = installation;
    this.reconciliation = reconciliation;
    this.cancellationWait = cancellationWait;
  }

  RetryOutcome retry(Shop shop, StoredAttentionItem stored) {
    long id = stored.item().id();
    if (!items.close(shop.id(), id, ClosedBy.RETRY, "Retried from the attention queue.")) {
      throw AttentionController.closed(id);
    }
    try {
      return switch (stored.item().kind()) {
        case REDEMPTION_NEEDS_FOLLOW_UP, REDEMPTION_PLATFORM_FAILED -> cancelAgain(shop, stored);
        case ORDER_EVENT_FAILED -> handEventAgain(shop, stored);
        case DELIVERY_STUCK -> dispatchAgain(shop, stored);
        case WEBHOOK_REJECTED -> validateAgain(shop, stored);
        case SUBSCRIPTION_MISSING -> repair(shop, stored);
        case RECONCILIATION_FAILED -> reconcile(shop, stored, "");
      };
    } catch (RuntimeException notStarted) {
      items.reopenAfterRetry(shop.id(), id);
      throw notStarted;
    }
  }

  private RetryOutcome cancelAgain(Shop shop, StoredAttentionItem stored) {
    Redemption redemption =
        redemptions
            .find(shop.id(), stored.redemptionId())
            .orElseThrow(
                () ->
                    cannotRetry(
                        "Redemption %s no longer exists; resolve the item with a note."
                            .formatted(stored.redemptionId())));
    SagaState<CancellationResult> state =
        sagas.cancel(
            new CancelRedemptionRequest(shop.domain(), redemption.id(), false),
            redemption.customerId(),
            redemption.couponCode(),
            cancellationWait);
    String message;
    if (state instanceof SagaState.Completed<CancellationResult> done) {
      message =
          "The cancellation ran again and ended %s: %s"
              .formatted(done.result().outcome(), done.result().message());
    } else if (state instanceof SagaState.Running<CancellationResult> running) {
      message =
          ("The cancellation is running again (%s); GET the redemption's cancellation for its"
                  + " outcome.")
              .formatted(running.step());
    } else {
      message =
          "The cancellation ran again and failed: "
              + ((SagaState.Failed<CancellationResult>) state).reason();
    }
    return new RetryOutcome(RetryAction.CANCELLATION_RUN, message, state.workflowId());
  }

  private RetryOutcome handEventAgain(Shop shop, StoredAttentionItem stored) {
    String workflowId = WorkflowIds.order(shop.domain(), stored.orderId());
    if (stored.inboxId() != null && deliveries.dispatchAgain(shop, stored.inboxId())) {
      return new RetryOutcome(
          RetryAction.EVENT_HANDED_TO_SAGA,
          ("The %s was handed to its order saga again; it is applied once if it was not, and"
                  + " comes back to this queue if it fails again.")
              .formatted(stored.item().subject()),
          workflowId);
    }
    return reconcile(
        shop, stored, "The event's delivery is not in the inbox, so a reconciliation finds it: ");
  }

  private RetryOutcome dispatchAgain(Shop shop, StoredAttentionItem stored) {
    if (stored.inboxId() == null || !deliveries.dispatchAgain(shop, stored.inboxId())) {
      throw cannotRetry("The delivery is no longer in the inbox; resolve the item with a note.");
    }
    return new RetryOutcome(
        RetryAction.DELIVERY_DISPATCHED_AGAIN,
        "The delivery of the %s was handed to its saga again.".formatted(stored.item().subject()),
        WorkflowIds.order(shop.domain(), stored.orderId()));
  }

  private RetryOutcome validateAgain(Shop shop, StoredAttentionItem stored) {
    long id = stored.item().id();
    Revalidation result =
        stored.inboxId() == null
            ? new Revalidation.NotKept()
            : deliveries.revalidate(shop, stored.inboxId());
    if (result instanceof Revalidation.Accepted) {
      return new RetryOutcome(
          RetryAction.DELIVERY_VALIDATED_AGAIN,
          "The delivery is valid now: it was recorded and handed to its order saga.",
          stored.orderId() == null ? null : WorkflowIds.order(shop.domain(), stored.orderId()));
    }
    if (result instanceof Revalidation.Duplicate) {
      return new RetryOutcome(
          RetryAction.DELIVERY_VALIDATED_AGAIN,
          "The delivery is valid now, and its event was already recorded from another delivery:"
              + " nothing more to do.",
          null);
    }
    if (result instanceof Revalidation.StillRejected still) {
      items.reopenAfterRetry(shop.id(), id);
      items.updateProblem(shop.id(), id, "Validated again: still not valid. " + still.reason());
      return new RetryOutcome(
          RetryAction.DELIVERY_VALIDATED_AGAIN,
          "The delivery is still not valid, so it stays rejected: " + still.reason(),
          null);
    }
    throw cannotRetry(
        "The delivery's body was not kept, so it cannot be validated again; ask the platform to"
            + " send it again, then resolve the item with a note.");
  }

  private RetryOutcome repair(Shop shop, StoredAttentionItem stored) {
    List<WebhookSubscription> now = installation.repair(shop);
    String states =
        now.stream().map(s -> s.topic() + " " + s.status()).collect(Collectors.joining(", "));
    return new RetryOutcome(
        RetryAction.SUBSCRIPTIONS_REPAIRED,
        "The missing webhook subscriptions were created again; the platform reports: "
            + states
            + ".",
        null);
  }

  private RetryOutcome reconcile(Shop shop, StoredAttentionItem stored, String why) {
    ReconciliationTrigger trigger = reconciliation.getIfAvailable();
    if (trigger == null) {
      throw cannotRetry(
          why + "reconciliation is not available in this version; resolve the item with a note.");
    }
    ReconciliationTrigger.Started run = trigger.runNow(shop);
    return new RetryOutcome(
        RetryAction.RECONCILIATION_STARTED,
        why
            + "reconciliation "
            + run.reconciliationId()
            + " started for shop "
            + shop.domain()
            + ".",
        run.workflowId());
  }

  private static ApiException cannotRetry(String message) {
    return new ApiException(HttpStatus.CONFLICT, "cannot_retry", message);
  }
}
