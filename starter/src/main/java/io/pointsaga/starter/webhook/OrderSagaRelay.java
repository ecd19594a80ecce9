package io.pointsaga.starter.webhook;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventMessages;
import io.pointsaga.order.OrderSagaInput;
import io.pointsaga.order.OrderWorkflow;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands recorded deliveries to their order sagas (signal-with-start). Right after the response on
 * the fast path; and every second, for whatever is still pending, e.g. because Temporal was
 * unreachable: nothing recorded is lost. A delivery given twice is harmless (the saga applies each
 * business event once). A delivery still not handed over after {@code
 * pointsaga.webhooks.stuck-after-attempts} attempts (8 by default, about four minutes of backoff)
 * is kept in the attention queue, and the relay goes on trying; the item closes itself once the
 * delivery is handed over.
 */
@Component
class OrderSagaRelay implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(OrderSagaRelay.class);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final WebhookInbox inbox;
  private final WorkflowClient client;
  private final Clock clock;
  private final AttentionItems attention;
  private final Shops shops;
  private final int stuckAfterAttempts;
  private final ExecutorService fastPath =
      new ThreadPoolExecutor(
          2,
          2,
          30,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "order-saga-relay");
            t.setDaemon(true);
            return t;
          });

  OrderSagaRelay(
      WebhookInbox inbox,
      WorkflowClient client,
      Clock clock,
      AttentionItems attention,
      Shops shops,
      @Value("${pointsaga.webhooks.stuck-after-attempts:8}") int stuckAfterAttempts) {
    this.inbox = inbox;
    this.client = client;
    this.clock = clock;
    this.attention = attention;
    this.shops = shops;
    this.stuckAfterAttempts = stuckAfterAttempts;
  }

  /** Hands a recorded delivery over again now (a retry from the attention queue). */
  void dispatchAgain(WebhookInbox.Entry entry) {
    dispatchSoon(entry.id(), entry.shopDomain(), entry.event());
  }

  /** After the delivery was recorded and acknowledged: try at once, off the request thread. */
  void dispatchSoon(long inboxId, String shopDomain, OrderEvent event) {
    try {
      fastPath.execute(() -> dispatch(new WebhookInbox.Entry(inboxId, shopDomain, event, 0)));
    } catch (RejectedExecutionException busy) {
      // the scheduled relay picks it up
    }
  }

  @Scheduled(fixedDelayString = "${pointsaga.webhooks.relay-interval:PT1S}")
  void relayPending() {
    List<WebhookInbox.Entry> due = inbox.due(200);
    for (WebhookInbox.Entry entry : due) {
      dispatch(entry);
    }
  }

  private void dispatch(WebhookInbox.Entry entry) {
    if (!inbox.claim(entry.id(), entry.attempts(), LEASE)) {
      return; // another node or the other path has it
    }
    try {
      try {
        signalWithStart(entry.shopDomain(), entry.event());
      } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
        // Two deliveries of a new order raced to start its saga (the test server does not make
        // signal-with-start atomic for them); the saga exists now, so this one only signals.
        signalWithStart(entry.shopDomain(), entry.event());
      }
      inbox.dispatched(entry.id());
      if (entry.attempts() >= stuckAfterAttempts) {
        shops
            .findByDomain(entry.shopDomain())
            .ifPresent(
                shop ->
                    attention.closeSource(
                        shop.id(),
                        NewAttentionItem.stuckDeliveryKey(entry.id()),
                        "Handed to its saga at attempt " + (entry.attempts() + 1) + "."));
      }
    } catch (RuntimeException e) {
      Duration backoff = backoff(entry.attempts() + 1);
      log.warn(
          "delivery {} for order {} not handed to its saga (attempt {}), retrying in {}: {}",
          entry.id(),
          entry.event().orderId(),
          entry.attempts() + 1,
          backoff,
          e.getMessage());
      inbox.failed(entry.id(), e.getMessage(), clock.instant().plus(backoff));
      if (entry.attempts() + 1 >= stuckAfterAttempts) {
        keepStuck(entry, e.getMessage());
      }
    }
  }

  /** Opens the stuck delivery's item (once: it stays open while the relay keeps trying). */
  private void keepStuck(WebhookInbox.Entry entry, String error) {
    try {
      shops
          .findByDomain(entry.shopDomain())
          .ifPresent(
              shop ->
                  attention.open(
                      shop.id(),
                      new NewAttentionItem(
                          AttentionKind.DELIVERY_STUCK,
                          NewAttentionItem.stuckDeliveryKey(entry.id()),
                          OrderEventMessages.subject(entry.event().orderId(), entry.event()),
                          ("The delivery was recorded but could not be handed to its saga after"
                                  + " %d attempts; the relay keeps trying. Last error: %s")
                              .formatted(entry.attempts() + 1, error),
                          WorkflowIds.order(entry.shopDomain(), entry.event().orderId()),
                          entry.id(),
                          entry.event().orderId(),
                          entry.event().eventKey())));
    } catch (RuntimeException notKept) {
      log.warn(
          "delivery {} is stuck and could not be kept for a person: {}",
          entry.id(),
          notKept.getMessage());
    }
  }

  private void signalWithStart(String shopDomain, OrderEvent event) {
    OrderWorkflow saga =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.order(shopDomain, event.orderId()))
                .setTaskQueue(TaskQueues.SAGAS)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setTypedSearchAttributes(attributes(shopDomain, event))
                .setStaticSummary("Points of order %s in %s".formatted(event.orderId(), shopDomain))
                .setStaticDetails(
                    "Applies the order's webhooks (paid, refunds, voids, cancellations) one at a time, each once: earns, claws back, restores coupon points, recalculates the VIP tier.")
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(saga::run, new OrderSagaInput(shopDomain, event.orderId(), List.of()));
    request.add(saga::eventReceived, event);
    client.signalWithStart(request);
  }

  private static SearchAttributes attributes(String shopDomain, OrderEvent event) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(PointSagaSearchAttributes.SHOP, shopDomain)
            .set(PointSagaSearchAttributes.ORDER, event.orderId());
    if (event.order() != null && event.order().customerId() != null) {
      attributes.set(PointSagaSearchAttributes.CUSTOMER, event.order().customerId());
    }
    return attributes.build();
  }

  static Duration backoff(int attempts) {
    long seconds = 1L << Math.min(attempts, 6);
    return Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0
        ? MAX_BACKOFF
        : Duration.ofSeconds(seconds);
  }

  @Override
  public void destroy() {
    fastPath.shutdownNow();
  }
}
