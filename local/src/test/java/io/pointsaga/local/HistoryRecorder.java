package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.refund;
import static io.pointsaga.local.ShopifyWebhooks.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.order.OrderWorkflow;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Records the workflow histories that {@code
 * workflows/src/test/java/io/pointsaga/replay/HistoryReplayTest} replays: real runs of the sagas on
 * the embedded stack (real PostgreSQL, real activities, the simulated Shopify platform over HTTP,
 * the Temporal test server), driven over HTTP as a user drives them. Each history is fetched from
 * Temporal with the app's {@link WorkflowClient} and written as {@code <scenario>.json}. Not a
 * test: run it with {@code bench/record-histories.sh} after an intended change to a workflow, and
 * commit the new fixtures with the change.
 *
 * <p>Argument: the output directory (default {@code workflows/src/test/resources/histories}).
 */
public final class HistoryRecorder {
  private static final String SECRET = "demo-webhook-secret";
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final EmbeddedStack stack;
  private final WorkflowClient client;
  private final Path out;
  private int written;

  private HistoryRecorder(EmbeddedStack stack, Path out) {
    this.stack = stack;
    this.client = stack.context.getBean(WorkflowClient.class);
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "workflows/src/test/resources/histories");
    Files.createDirectories(out);
    int status = 0;
    try {
      HistoryRecorder recorder = new HistoryRecorder(EmbeddedStack.get(), out);
      recorder.recordAll();
      System.out.printf("recorded %d histories in %s%n", recorder.written, out.toAbsolutePath());
    } catch (Throwable e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  private void recordAll() throws Exception {
    long reward =
        created(
            stack.api(
                "POST",
                "/rewards",
                Map.of("name", "$5 off (replay fixtures)", "pointsCost", 500, "discountAmount", 5)),
            "rewardId");

    // RedeemReward: ISSUED
    JsonNode issued = redeemed(reward);
    save(
        "redeem-issued",
        WorkflowIds.redeemReward(EmbeddedStack.SHOP, id(issued)),
        "RedeemRewardWorkflow");

    // CancelRedemption: unused reward -> CANCELLED (lookup, revoke, refund)
    JsonNode unused = redeemed(reward);
    expectOutcome(cancel(unused, false), "CANCELLED");
    save("cancel-unused-cancelled", cancelId(unused), "CancelRedemptionWorkflow");

    // ... and a second request after it closed: a new run that stops at the load ->
    // ALREADY_REFUNDED
    expectOutcome(cancel(unused, false), "ALREADY_REFUNDED");
    save("cancel-already-refunded", cancelId(unused), "CancelRedemptionWorkflow");

    // CancelRedemption: the revoke fails twice with a 500 then is throttled (429, Retry-After 1 s):
    // PersistentCall's failed attempts and durable timers are in the history -> CANCELLED
    JsonNode faulty = redeemed(reward);
    fault("revokeDiscountCode", 2, "HTTP_500");
    fault("revokeDiscountCode", 1, "HTTP_429");
    expectOutcome(cancel(faulty, false), "CANCELLED");
    WorkflowExecutionHistory retried =
        save("cancel-revoke-retried-cancelled", cancelId(faulty), "CancelRedemptionWorkflow");
    require(
        count(retried, EventType.EVENT_TYPE_TIMER_FIRED) == 3,
        "expected 3 durable retry timers in the revoke-with-faults history");
    require(
        count(retried, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED) == 3,
        "expected 3 failed revoke attempts in the revoke-with-faults history");

    // CancelRedemption: the coupon was used -> REWARD_USED; confirmed ->
    // POINTS_REFUNDED_REWARD_USED
    JsonNode used = redeemed(reward);
    require(
        stack
                .sandbox(
                    "POST", "/discount-codes/" + used.get("couponCode").asText() + "/use", null)
                .status()
            == 200,
        "could not mark the coupon used");
    expectOutcome(cancel(used, false), "REWARD_USED");
    save("cancel-used-reward-used", cancelId(used), "CancelRedemptionWorkflow");
    expectOutcome(cancel(used, true), "POINTS_REFUNDED_REWARD_USED");
    save("cancel-used-points-refunded-anyway", cancelId(used), "CancelRedemptionWorkflow");

    // RedeemReward: the platform refuses the shop's credentials -> COUPON_FAILED, compensated
    recordCouponFailed();

    // OrderWorkflow: orders/paid (with a redeemed coupon) + two refunds/create -> fully refunded
    recordOrderSaga();
  }

  private void recordCouponFailed() throws IOException {
    Shops shops = stack.context.getBean(Shops.class);
    String domain = "bad-credentials.myshopify.com";
    String token = "bad-credentials-token";
    Shop shop =
        shops.upsert(
            domain,
            PlatformKind.SHOPIFY,
            stack.baseUrl + "/sandbox/shops/" + EmbeddedStack.SHOP,
            "wrong-token",
            "secret",
            "USD");
    shops.addAdminToken(shop.id(), token, "history recorder");
    String base = "/api/v1/shops/" + domain;
    long reward =
        created(
            stack.call(
                "POST",
                base + "/rewards",
                Map.of("name", "$5", "pointsCost", 500, "discountAmount", 5),
                token),
            "rewardId");
    String customer = "c" + shortId();
    require(
        stack
                .call(
                    "POST",
                    base + "/customers/" + customer + "/adjustments",
                    Map.of("points", 800, "note", "start"),
                    token)
                .status()
            == 201,
        "adjustment refused");
    Response failed =
        stack.call(
            "POST",
            base + "/customers/" + customer + "/redemptions",
            Map.of("rewardId", reward),
            token);
    require(
        failed.status() == 502 && "coupon_failed".equals(failed.body().get("error").asText()),
        "expected coupon_failed, got " + failed.status() + " " + failed.body());
    String redemptionId =
        stack
            .call("GET", base + "/customers/" + customer, null, token)
            .body()
            .get("redemptions")
            .get(0)
            .get("redemptionId")
            .asText();
    save(
        "redeem-coupon-failed",
        WorkflowIds.redeemReward(domain, redemptionId),
        "RedeemRewardWorkflow");
  }

  private void recordOrderSaga() throws Exception {
    String customer =
        String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    String orderId =
        String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));
    require(
        stack
                .api(
                    "POST",
                    "/customers/" + customer + "/adjustments",
                    Map.of("points", 1000, "note", "start"))
                .status()
            == 201,
        "adjustment refused");
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    Response redemption =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    require(redemption.status() == 201, "redemption refused: " + redemption.body());
    String coupon = redemption.body().get("couponCode").asText();
    long start = awaitBalance(customer, b -> true);

    Map<String, Object> paid =
        order(
            orderId,
            customer,
            List.of(line(1, "10.00", "2.50"), line(2, "10.00", "2.50")),
            List.of(coupon));
    accepted(webhook("orders/paid", paid, SECRET, "e-" + orderId));
    require(awaitBalance(customer, b -> b == start + 15) == start + 15, "orders/paid not applied");
    accepted(webhook("refunds/create", refund(71, orderId, 1, "10.00"), SECRET, "r71-" + orderId));
    require(awaitBalance(customer, b -> b == start + 5) == start + 5, "first refund not applied");
    accepted(webhook("refunds/create", refund(72, orderId, 2, "5.00"), SECRET, "r72-" + orderId));
    require(awaitBalance(customer, b -> b == 1000) == 1000, "second (full) refund not applied");

    // The run only ends after ten quiet minutes: record it once it has applied all three events
    // and waits for the next one (open histories replay as well as closed ones).
    String workflowId = WorkflowIds.order(EmbeddedStack.SHOP, orderId);
    OrderWorkflow saga = client.newWorkflowStub(OrderWorkflow.class, workflowId);
    WorkflowExecutionHistory settled =
        awaitHistory(
            workflowId,
            h ->
                saga.pendingEvents() == 0
                    && count(h, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) == 3
                    && h.getLastEvent().getEventType() == EventType.EVENT_TYPE_TIMER_STARTED);
    // Stable: nothing more is coming for this run.
    Thread.sleep(1000);
    WorkflowExecutionHistory again = client.fetchHistory(workflowId);
    require(again.getEvents().size() == settled.getEvents().size(), "order saga still moving");
    write("order-paid-two-refunds", again, "OrderWorkflow");
  }

  // --- scenario helpers

  /** A new customer with 1200 points who redeemed a 500-point reward: answers the redemption. */
  private JsonNode redeemed(long reward) {
    String customer = "c" + shortId();
    require(
        stack
                .api(
                    "POST",
                    "/customers/" + customer + "/adjustments",
                    Map.of("points", 1200, "note", "replay fixture"))
                .status()
            == 201,
        "adjustment refused");
    Response r =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    require(
        r.status() == 201 && "ISSUED".equals(r.body().get("status").asText()),
        "redemption not issued: " + r.status() + " " + r.body());
    return r.body();
  }

  private Response cancel(JsonNode redemption, boolean anyway) {
    String path = "/redemptions/" + id(redemption) + "/cancellation";
    Response current = stack.api("POST", path, Map.of("refundPointsAnyway", anyway));
    Instant deadline = Instant.now().plus(PATIENCE);
    while (current.status() == 202 && Instant.now().isBefore(deadline)) {
      sleep(250);
      current = stack.api("GET", path, null);
    }
    require(
        current.status() == 200 && "COMPLETED".equals(current.body().get("status").asText()),
        "cancellation did not complete: " + current.status() + " " + current.body());
    return current;
  }

  private void fault(String operation, int failures, String kind) {
    Response r =
        stack.sandbox(
            "POST",
            "/faults",
            Map.of(
                "operation",
                operation,
                "failures",
                failures,
                "kind",
                kind,
                "retryAfterSeconds",
                1));
    require(r.status() == 201, "fault not queued: " + r.body());
  }

  private static void expectOutcome(Response response, String outcome) {
    String actual = response.body().get("outcome").asText();
    require(
        outcome.equals(actual), "expected " + outcome + ", got " + actual + ": " + response.body());
  }

  private static void accepted(Response webhook) {
    require(webhook.status() == 200, "webhook refused: " + webhook.status() + " " + webhook.body());
  }

  private static long created(Response response, String field) {
    require(response.status() == 201, "not created: " + response.status() + " " + response.body());
    return response.body().get(field).asLong();
  }

  private static String id(JsonNode redemption) {
    return redemption.get("redemptionId").asText();
  }

  private static String cancelId(JsonNode redemption) {
    return WorkflowIds.cancelRedemption(EmbeddedStack.SHOP, id(redemption));
  }

  // --- histories

  /** The latest run of a workflow the API said has finished: must be closed, completed. */
  private WorkflowExecutionHistory save(String scenario, String workflowId, String type)
      throws IOException {
    WorkflowExecutionHistory history =
        awaitHistory(
            workflowId,
            h ->
                h.getLastEvent().getEventType()
                    == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    write(scenario, history, type);
    return history;
  }

  private WorkflowExecutionHistory awaitHistory(
      String workflowId, Predicate<WorkflowExecutionHistory> done) {
    Instant deadline = Instant.now().plus(PATIENCE);
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    while (!done.test(history)) {
      require(Instant.now().isBefore(deadline), "history of " + workflowId + " never settled");
      sleep(200);
      history = client.fetchHistory(workflowId);
    }
    return history;
  }

  private void write(String scenario, WorkflowExecutionHistory history, String type)
      throws IOException {
    String actualType =
        history
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getWorkflowType()
            .getName();
    require(type.equals(actualType), scenario + ": expected a " + type + ", got " + actualType);
    Path file = out.resolve(scenario + ".json");
    Files.writeString(file, history.toJson(true) + "\n", StandardCharsets.UTF_8);
    written++;
    System.out.printf(
        "%-40s %-26s %4d events %8d bytes  %s%n",
        file.getFileName(),
        type,
        history.getEvents().size(),
        Files.size(file),
        history.getWorkflowExecution().getWorkflowId());
  }

  private static long count(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(e -> e.getEventType() == type).count();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException(problem);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
