package io.pointsaga.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.Posting;
import io.pointsaga.outcome.SagaOutcomeActivitiesImpl;
import io.pointsaga.outcome.SagaOutcomes;
import io.pointsaga.platform.PlatformActivitiesImpl;
import io.pointsaga.platform.PlatformHttpSettings;
import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.redemption.CancelRedemptionWorkflow;
import io.pointsaga.redemption.CancelRedemptionWorkflowImpl;
import io.pointsaga.redemption.CancellationOutcome;
import io.pointsaga.redemption.CancellationResult;
import io.pointsaga.redemption.RedeemRewardWorkflow;
import io.pointsaga.redemption.RedeemRewardWorkflowImpl;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.RedemptionActivitiesImpl;
import io.pointsaga.redemption.RedemptionKeys;
import io.pointsaga.redemption.RedemptionResult;
import io.pointsaga.redemption.RedemptionResult.RedemptionOutcome;
import io.pointsaga.redemption.RedemptionStatus;
import io.pointsaga.redemption.Reservation;
import io.pointsaga.redemption.ReserveRedemption;
import io.pointsaga.reward.Reward;
import io.pointsaga.shop.Shop;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.pointsaga.testing.TestLedger;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cancellation saga (SPEC §4 case 3) end to end with the real activities: the ledger over
 * PostgreSQL, the Shopify adapter over HTTP against WireMock playing Shopify, and the workflows
 * under Temporal's time-skipping test service.
 */
@Timeout(60)
class RevocationRetryIntegrationTest {

  @RegisterExtension
  static final WireMockExtension shopify =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String GRAPHQL = "/admin/api/2025-10/graphql.json";
  private static final String TOKEN = "shpat_test"; // what TestLedger.shop(..) stores
  private static final String LOOKUP = "codeDiscountNodeByCode(code: $code)";
  private static final String DEACTIVATE = "discountCodeDeactivate(id: $id)";
  private static final String CREATE =
      "discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)";
  private static final String GID = "gid://shopify/DiscountCodeNode/555";
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
  private static final String SCENARIO = "deactivate-fails-five-times";
  private static final AtomicInteger IDS = new AtomicInteger();

  /**
   * No sticky task queue. A real Temporal server moves a workflow task that waits on a dead
   * worker's sticky queue back to the normal queue after the sticky schedule-to-start timeout; the
   * in-memory test service never does, so after the worker restart below the saga would wait
   * forever on the old worker's sticky queue. Without stickiness every workflow task goes to the
   * normal queue (and is a full replay), which is what the restart test wants to exercise anyway.
   */
  private static final WorkerOptions WORKER_OPTIONS =
      WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();

  private static TestLedger db;
  private static Shop shop;
  private static Reward reward;
  private static RedemptionActivitiesImpl redemptionActivities;
  private static PlatformActivitiesImpl platformActivities;
  private static SagaOutcomeActivitiesImpl outcomeActivities;

  private TestWorkflowEnvironment testEnv;
  private String customer;

  @BeforeAll
  static void realActivities() {
    db = new TestLedger(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    shop = db.shop("revocation-it.myshopify.com", shopify.baseUrl());
    reward = db.rewards.create(shop.id(), "$5 off", 300, new BigDecimal("5.00"));
    redemptionActivities =
        new RedemptionActivitiesImpl(
            db.shops,
            db.rewards,
            db.redemptions,
            db.ledger,
            db.activity,
            db.tx,
            db.clock,
            Duration.ofDays(365),
            new io.pointsaga.attention.AttentionItems(db.jdbc, db.clock));
    outcomeActivities =
        new SagaOutcomeActivitiesImpl(
            db.shops,
            new SagaOutcomes(
                db.jdbc,
                db.tx,
                db.clock,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    platformActivities =
        new PlatformActivitiesImpl(
            db.shops, new PlatformHttpSettings(Duration.ofSeconds(1), REQUEST_TIMEOUT));
  }

  @BeforeEach
  void temporal() {
    customer = "cust-" + IDS.incrementAndGet();
    earn(customer, 1000);
    testEnv = TestWorkflowEnvironment.newInstance();
    io.pointsaga.temporal.PointSagaSearchAttributes.ALL.forEach(
        key ->
            testEnv.registerSearchAttribute(
                key.getName(),
                io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    register(testEnv.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS));
    testEnv.start();
  }

  @AfterEach
  void stopTemporal() {
    testEnv.close();
  }

  /** What the worker application registers on the sagas' queue, with the real activities. */
  private static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        RedeemRewardWorkflowImpl.class, CancelRedemptionWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        redemptionActivities, platformActivities, outcomeActivities);
  }

  @Test
  void revocationRetriesThroughEveryKindOfFailureAndRefundsOnce() {
    String id = issuedRedemption();
    String code = couponOf(id);
    lookupAnswersActiveUnused(code);
    deactivateFailsFiveTimesThenSucceeds();
    Instant testStart = now();
    long wallStart = System.nanoTime();

    CancellationResult result =
        cancelSaga(id).cancel(new CancelRedemptionRequest(shop.domain(), id, false));

    Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
    assertThat(result.outcome()).as(result.message()).isEqualTo(CancellationOutcome.CANCELLED);
    assertThat(result.pointsRefunded()).isEqualTo(300);
    assertRefundedExactlyOnce(id);
    assertThat(deactivateCalls()).isEqualTo(6);
    shopify.verify(
        6,
        postRequestedFor(urlEqualTo(GRAPHQL))
            .withRequestBody(containing(DEACTIVATE))
            .withRequestBody(matchingJsonPath("$.variables.id", equalTo(GID)))
            .withHeader("X-Shopify-Access-Token", equalTo(TOKEN)));
    // The 429's Retry-After of an hour was honoured, in skipped time only.
    assertThat(Duration.between(testStart, now())).isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertThat(wall).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void revocationRetriesSurviveAWorkerRestart() throws Exception {
    String id = issuedRedemption();
    String code = couponOf(id);
    lookupAnswersActiveUnused(code);
    deactivateFailsFiveTimesThenSucceeds();
    Instant testStart = now();
    CancelRedemptionWorkflow saga = cancelSaga(id);
    WorkflowClient.start(saga::cancel, new CancelRedemptionRequest(shop.domain(), id, false));

    // The 500 and then the 429 (Retry-After: 1 h): the next attempt is an hour away.
    awaitRealTime("two deactivate attempts", () -> deactivateCalls() >= 2);
    testEnv.getWorkerFactory().shutdown();
    testEnv.getWorkerFactory().awaitTermination(10, TimeUnit.SECONDS);
    assertThat(deactivateCalls()).isEqualTo(2);

    WorkerFactory restarted = WorkerFactory.newInstance(testEnv.getWorkflowClient());
    try {
      register(restarted.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS));
      restarted.start();

      CancellationResult result =
          WorkflowStub.fromTyped(saga).getResult(30, TimeUnit.SECONDS, CancellationResult.class);

      assertThat(result.outcome()).as(result.message()).isEqualTo(CancellationOutcome.CANCELLED);
      assertRefundedExactlyOnce(id);
      assertThat(deactivateCalls()).isEqualTo(6);
      assertThat(Duration.between(testStart, now())).isGreaterThanOrEqualTo(Duration.ofHours(1));
    } finally {
      restarted.shutdownNow();
      restarted.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCouponRejectedForBadCredentialsGivesThePointsBackWithANote() {
    shopify.stubFor(
        graphql(CREATE)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));
    // A refused create created nothing: should the compensation look the code up, it is unknown.
    shopify.stubFor(
        graphql(LOOKUP).willReturn(okJson("{\"data\":{\"codeDiscountNodeByCode\":null}}")));
    String id = "rdm_it_" + IDS.incrementAndGet();
    RedeemRewardWorkflow saga =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                RedeemRewardWorkflow.class, options(WorkflowIds.redeemReward(shop.domain(), id)));

    RedemptionResult result =
        saga.redeem(new ReserveRedemption(shop.domain(), customer, reward.id(), id));

    assertThat(result.outcome()).as(result.message()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.balanceAfter()).isEqualTo(1000);
    assertThat(balance()).isEqualTo(1000);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(1000);
    LedgerEntry reversal =
        db.ledger.findByKey(shop.id(), RedemptionKeys.debitReversal(id)).orElseThrow();
    assertThat(reversal.kind()).isEqualTo(EntryKind.REDEMPTION_REVERSAL);
    assertThat(reversal.points()).isEqualTo(300);
    assertThat(reversal.note())
        .contains("could not be created")
        .contains("rejected the API credentials")
        .contains("HTTP 401")
        .contains("300 points returned");
    assertThat(entries(EntryKind.REDEMPTION_REVERSAL)).hasSize(1);
    Redemption redemption = db.redemptions.find(id).orElseThrow();
    assertThat(redemption.status()).isEqualTo(RedemptionStatus.FAILED);
    shopify.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing(CREATE)));
    assertThat(deactivateCalls()).isZero();
    assertThat(db.activity.customerFeed(shop.id(), customer, 100))
        .as("no follow-up: nothing is left half-done")
        .noneMatch(item -> "FOLLOW_UP_REQUIRED".equals(item.kind()));
  }

  /**
   * Regression (see RedemptionActivitiesImplTest
   * #aReversedRedemptionFlaggedForFollowUpIsNotRefundedAgain): Shopify is down while the coupon is
   * created, so the redeem saga compensates: the revoke of the maybe-created code fails too, the
   * redemption is flagged NEEDS_FOLLOW_UP and the points are reversed. Cancelling it once Shopify
   * is back must not credit the same 300 points again (it used to: 1300 instead of 1000).
   */
  @Test
  void aRedemptionCompensatedWhileShopifyWasDownIsNotRefundedTwice() {
    shopify.stubFor(graphql(CREATE).willReturn(aResponse().withStatus(503)));
    shopify.stubFor(graphql(LOOKUP).willReturn(aResponse().withStatus(503)));
    String id = "rdm_it_" + IDS.incrementAndGet();
    RedemptionResult redeemed =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                RedeemRewardWorkflow.class, options(WorkflowIds.redeemReward(shop.domain(), id)))
            .redeem(new ReserveRedemption(shop.domain(), customer, reward.id(), id));
    assertThat(redeemed.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(balance()).isEqualTo(1000);

    // Shopify is back: the code had been created after all, unused.
    shopify.resetAll();
    lookupAnswersActiveUnused(couponOf(id));
    shopify.stubFor(graphql(DEACTIVATE).willReturn(okJson(deactivated())));
    CancellationResult cancelled =
        cancelSaga(id).cancel(new CancelRedemptionRequest(shop.domain(), id, false));

    assertThat(balance())
        .as("outcome %s: %s", cancelled.outcome(), cancelled.message())
        .isEqualTo(1000);
    assertThat(cancelled.outcome()).isEqualTo(CancellationOutcome.ALREADY_REFUNDED);
    assertThat(cancelled.pointsRefunded()).isZero();
    assertThat(entries(EntryKind.REDEMPTION_REFUND)).isEmpty();
    assertThat(entries(EntryKind.REDEMPTION_REVERSAL)).hasSize(1);
  }

  // ----------------------------------------------------------------- Shopify

  private static MappingBuilder graphql(String operation) {
    return post(urlEqualTo(GRAPHQL))
        .withHeader("X-Shopify-Access-Token", equalTo(TOKEN))
        .withRequestBody(containing(operation));
  }

  private static void lookupAnswersActiveUnused(String code) {
    shopify.stubFor(
        graphql(LOOKUP)
            .withRequestBody(matchingJsonPath("$.variables.code", equalTo(code)))
            .willReturn(
                okJson(
                    """
                    {"data":{"codeDiscountNodeByCode":{"id":"%s","codeDiscount":{
                      "__typename":"DiscountCodeBasic","status":"ACTIVE","asyncUsageCount":0}}}}
                    """
                        .formatted(GID))));
  }

  /** 500, 429 with Retry-After: 3600, too slow, connection reset, 500, then deactivated. */
  private static void deactivateFailsFiveTimesThenSucceeds() {
    ResponseDefinitionBuilder serverError =
        aResponse().withStatus(500).withBody("{\"errors\":\"Internal Server Error\"}");
    step(STARTED, "after-500", serverError);
    step(
        "after-500",
        "after-429",
        aResponse()
            .withStatus(429)
            .withHeader("Retry-After", "3600")
            .withBody("{\"errors\":\"Exceeded 2 calls per second for api client.\"}"));
    step(
        "after-429",
        "after-timeout",
        okJson(deactivated()).withFixedDelay((int) REQUEST_TIMEOUT.multipliedBy(4).toMillis()));
    step("after-timeout", "after-reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    step("after-reset", "recovered", serverError);
    shopify.stubFor(
        graphql(DEACTIVATE)
            .inScenario(SCENARIO)
            .whenScenarioStateIs("recovered")
            .willReturn(okJson(deactivated())));
  }

  private static void step(String state, String next, ResponseDefinitionBuilder answer) {
    shopify.stubFor(
        graphql(DEACTIVATE)
            .inScenario(SCENARIO)
            .whenScenarioStateIs(state)
            .willSetStateTo(next)
            .willReturn(answer));
  }

  private static String deactivated() {
    return """
        {"data":{"discountCodeDeactivate":{"codeDiscountNode":{"id":"%s"},"userErrors":[]}}}
        """
        .formatted(GID);
  }

  private static int deactivateCalls() {
    return shopify
        .findAll(postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing(DEACTIVATE)))
        .size();
  }

  // ------------------------------------------------------------------ ledger

  /** Reserved and issued through the real activities: 300 points spent, balance 700. */
  private String issuedRedemption() {
    String id = "rdm_it_" + IDS.incrementAndGet();
    Reservation reservation =
        redemptionActivities.reserve(
            new ReserveRedemption(shop.domain(), customer, reward.id(), id));
    assertThat(reservation.status()).isEqualTo(Reservation.Status.RESERVED);
    redemptionActivities.markIssued(id, GID);
    assertThat(balance()).isEqualTo(700);
    return id;
  }

  private void assertRefundedExactlyOnce(String id) {
    List<LedgerEntry> refunds = entries(EntryKind.REDEMPTION_REFUND);
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).idempotencyKey()).isEqualTo(RedemptionKeys.refund(id));
    assertThat(refunds.get(0).points()).isEqualTo(300);
    assertThat(refunds.get(0).note()).startsWith("The points redemption has been canceled");
    assertThat(balance()).isEqualTo(1000);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(1000);
    Redemption redemption = db.redemptions.find(id).orElseThrow();
    assertThat(redemption.status()).isEqualTo(RedemptionStatus.REFUNDED);
    assertThat(redemption.refundedAt()).isNotNull();
  }

  private String couponOf(String id) {
    return db.redemptions.find(id).orElseThrow().couponCode();
  }

  private void earn(String customerId, long points) {
    db.ledger.post(
        new Posting(
            shop.id(),
            customerId,
            points,
            EntryKind.EARN,
            "order:" + customerId + ":earn",
            "earned on an order",
            null,
            Instant.parse("2031-01-01T00:00:00Z"),
            BalanceRule.ALLOW_NEGATIVE));
  }

  private long balance() {
    return db.ledger.findCustomer(shop.id(), customer).orElseThrow().pointsBalance();
  }

  private List<LedgerEntry> entries(EntryKind kind) {
    return db.ledger.entries(shop.id(), customer, 1000).stream()
        .filter(e -> e.kind() == kind)
        .toList();
  }

  // ---------------------------------------------------------------- temporal

  private CancelRedemptionWorkflow cancelSaga(String id) {
    return testEnv
        .getWorkflowClient()
        .newWorkflowStub(
            CancelRedemptionWorkflow.class,
            options(WorkflowIds.cancelRedemption(shop.domain(), id)));
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.SAGAS)
        .setWorkflowId(workflowId)
        .build();
  }

  /** The test service's (skipped) time. */
  private Instant now() {
    return Instant.ofEpochMilli(testEnv.currentTimeMillis());
  }

  private static void awaitRealTime(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
