package io.pointsaga.local.bench;

import io.pointsaga.local.EmbeddedStack;
import io.pointsaga.local.bench.ActivityPages.FeedLatency;
import io.pointsaga.local.bench.WebhookLoad.Acknowledgements;
import io.pointsaga.local.bench.WebhookLoad.Saturation;
import io.pointsaga.order.OrderActivities;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 12's summary: every benchmark in one run of this JVM on the embedded stack as shipped,
 * ending with the {@code name: value} table ({@code docs/PERFORMANCE.md} says what each measures).
 * Not a test: {@code bench/summary.sh [--quick]}.
 */
public final class BenchmarkSummary {
  static final String ADMIN_TOKEN = "demo-admin-token";
  static final String WEBHOOK_SECRET = "demo-webhook-secret";

  private final SummarySizes sizes;
  private final EmbeddedStack stack;
  private final ApplicationContext context;
  private final JdbcClient jdbc;
  private final ShopifyDeliveries deliveries;

  private BenchmarkSummary(SummarySizes sizes, EmbeddedStack stack) {
    this.sizes = sizes;
    this.stack = stack;
    this.context = stack.context;
    this.jdbc = context.getBean(JdbcClient.class);
    this.deliveries =
        new ShopifyDeliveries(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
            stack.baseUrl,
            EmbeddedStack.SHOP,
            WEBHOOK_SECRET);
  }

  public static void main(String[] args) {
    try {
      summarize(SummarySizes.fromArguments(args));
      System.exit(0);
    } catch (Exception | Error e) {
      // The stack's threads would keep the JVM alive: exit, so that the script ends.
      e.printStackTrace();
      SummaryReport.detail("failed: %s", e);
      System.exit(1);
    }
  }

  private static void summarize(SummarySizes sizes) throws Exception {
    long start = System.nanoTime();
    // No proxy between the app and Temporal: the tests need one to cut Temporal off, not this.
    System.setProperty("pointsaga.test.temporal-proxy", "false");
    SummaryReport.detail("starting the embedded stack (sizes: %s)", sizes);
    SummaryReport report = new BenchmarkSummary(sizes, EmbeddedStack.get()).run();
    SummaryReport.detail("done in %.0f s", (System.nanoTime() - start) / 1e9);
    if (sizes.feedLarge() != 1_000_000) {
      SummaryReport.detail(
          "%s sizes check the harness only: its numbers are no results, and"
              + " activity_page_p99_ms_1e6 is measured with %d entries",
          sizes.name(), sizes.feedLarge());
    }
    System.out.println(SummaryReport.HEADER);
    System.out.print(report.table());
    System.out.flush();
  }

  /**
   * {@code BENCH_ONLY=webhooks} or {@code BENCH_ONLY=cancel} (environment) runs that part alone, to
   * measure one change quickly; the other lines then read {@code n/a (skipped)}. Unset: all.
   */
  private static boolean runs(String part) {
    String only = System.getenv("BENCH_ONLY");
    return only == null || only.isBlank() || only.equals(part);
  }

  private SummaryReport run() throws Exception {
    SummaryReport report = new SummaryReport();
    WebhookLoad load = new WebhookLoad(deliveries, jdbc);
    SummaryReport.detail("warm-up: webhooks at 50/s for %d s", sizes.warmupSeconds());
    load.steady(50, sizes.warmupSeconds());
    new DirectLedger(context.getBean(OrderActivities.class), EmbeddedStack.SHOP)
        .refunds(Math.max(10, sizes.saturationOrders() / 10));

    if (runs("webhooks")) {
      webhooks(load, report);
    } else {
      skipped(
          report,
          "webhook_ack_p50_ms",
          "webhook_ack_p99_ms",
          "refunds_per_s",
          "bare_workflows_per_s",
          "saga_vs_bare",
          "direct_ledger_per_s",
          "orchestration_cost");
    }
    if (runs("cancel")) {
      Latencies cancel =
          new CancellationRuns(stack.baseUrl, EmbeddedStack.SHOP, ADMIN_TOKEN)
              .measure(sizes.cancellations(), sizes.cancellationWarmup());
      SummaryReport.detail("cancellation of an unused reward, test server: %s", cancel);
      report.millis("cancel_p50_ms", cancel.p50());
      report.millis("cancel_p99_ms", cancel.p99());
    } else {
      skipped(report, "cancel_p50_ms", "cancel_p99_ms");
    }
    if (runs("feeds")) {
      ActivityPages pages =
          new ActivityPages(
              stack.baseUrl,
              context.getBean(Shops.class),
              new FeedRows(jdbc, context.getBean(TransactionTemplate.class)));
      FeedLatency small = feed(pages, sizes.feedSmall());
      FeedLatency large = feed(pages, sizes.feedLarge());
      report.millis("activity_page_p99_ms_1e3", small.worseP99());
      report.millis("activity_page_p99_ms_1e6", large.worseP99());
      report.ratio("growth_ratio", large.worseP99() / small.worseP99());
    } else {
      skipped(report, "activity_page_p99_ms_1e3", "activity_page_p99_ms_1e6", "growth_ratio");
    }
    report.text(
        "cancel_p99_ms_devserver", runs("cancel") ? devServerCancellationP99() : "n/a (skipped)");
    return report.ordered(NAMES);
  }

  /** The table's names in the order. */
  private static final java.util.List<String> NAMES =
      java.util.List.of(
          "webhook_ack_p50_ms",
          "webhook_ack_p99_ms",
          "cancel_p50_ms",
          "cancel_p99_ms",
          "refunds_per_s",
          "bare_workflows_per_s",
          "saga_vs_bare",
          "direct_ledger_per_s",
          "orchestration_cost",
          "activity_page_p99_ms_1e3",
          "activity_page_p99_ms_1e6",
          "growth_ratio",
          "cancel_p99_ms_devserver");

  private static void skipped(SummaryReport report, String... names) {
    for (String name : names) {
      report.text(name, "n/a (skipped)");
    }
  }

  private void webhooks(WebhookLoad load, SummaryReport report) throws Exception {
    Acknowledgements acks = load.steady(sizes.webhookRate(), sizes.webhookSeconds());
    SummaryReport.detail(
        "webhook acknowledgement at %d/s for %d s: %s, failures %d",
        sizes.webhookRate(), sizes.webhookSeconds(), acks.latencies(), acks.failures());

    Saturation saturation = load.saturation(sizes.saturationOrders());
    SummaryReport.detail(
        "refunds fully applied through webhooks, inbox, relay and order sagas: %s",
        saturation.refunds());
    SagaShape shape = sagaShape(saturation);
    SummaryReport.detail("the order saga per refund (from its history): %s", shape);

    Throughput bare;
    try (BareWorkflows bareWorkflows = new BareWorkflows(context.getBean(WorkflowClient.class))) {
      // As many at once as the saturation had order sagas that could run at once.
      int inFlight = sizes.saturationOrders();
      bareWorkflows.run(shape, Math.max(10, saturation.refunds().count() / 10), inFlight);
      bare = bareWorkflows.run(shape, saturation.refunds().count(), inFlight);
    }
    SummaryReport.detail("bare workflows of that shape, steps doing nothing: %s", bare);

    Throughput direct =
        new DirectLedger(context.getBean(OrderActivities.class), EmbeddedStack.SHOP)
            .refunds(sizes.saturationOrders());
    SummaryReport.detail("the same refunds applied directly (one thread): %s", direct);

    report.millis("webhook_ack_p50_ms", acks.latencies().p50());
    report.millis("webhook_ack_p99_ms", acks.latencies().p99());
    report.rate("refunds_per_s", saturation.refunds().perSecond());
    report.rate("bare_workflows_per_s", bare.perSecond());
    report.ratio("saga_vs_bare", saturation.refunds().perSecond() / bare.perSecond());
    report.rate("direct_ledger_per_s", direct.perSecond());
    report.ratio("orchestration_cost", direct.perSecond() / saturation.refunds().perSecond());
  }

  /** The saga's steps per refund, counted in the history of the saturation's first order. */
  private SagaShape sagaShape(Saturation saturation) {
    String workflowId =
        WorkflowIds.order(EmbeddedStack.SHOP, String.valueOf(saturation.orders().orderId(0)));
    return SagaShape.perEventAfterFirst(
        context.getBean(WorkflowClient.class).fetchHistory(workflowId).getEvents());
  }

  private FeedLatency feed(ActivityPages pages, long entries) throws Exception {
    long start = System.nanoTime();
    FeedLatency latency = pages.measure(entries, sizes.pageSamples());
    SummaryReport.detail(
        "first activity page with %d entries (rows written and pages timed in %.0f s):"
            + " customer %s; shop %s",
        entries, (System.nanoTime() - start) / 1e9, latency.customer(), latency.shop());
    SummaryReport.detail(
        "activity_page_p99_ms_%s_customer: %.1f", exponent(entries), latency.customer().p99());
    SummaryReport.detail(
        "activity_page_p99_ms_%s_shop: %.1f", exponent(entries), latency.shop().p99());
    return latency;
  }

  private static String exponent(long entries) {
    long power = Math.round(Math.log10(entries));
    return (long) Math.pow(10, power) == entries ? "1e" + power : String.valueOf(entries);
  }

  /**
   * The p99 of the same cancellations on a second embedded stack whose Temporal is a real dev
   * server, or why there is none. A dev server that fails does not cost the other numbers.
   */
  private String devServerCancellationP99() {
    Optional<Path> cli = DevServer.cli();
    if (cli.isEmpty()) {
      SummaryReport.detail("no temporal CLI on the PATH or in POINTSAGA_TEMPORAL_CLI");
      return "n/a (no temporal CLI)";
    }
    try {
      Path log = Files.createTempFile("pointsaga-bench-devserver", ".log");
      SummaryReport.detail("starting a Temporal dev server from %s (log %s)", cli.get(), log);
      try (DevServer server = DevServer.start(cli.get(), log);
          DevServerStack second = new DevServerStack(server.target())) {
        Latencies latencies =
            new CancellationRuns(second.baseUrl(), EmbeddedStack.SHOP, ADMIN_TOKEN)
                .measure(sizes.cancellations(), sizes.cancellationWarmup());
        SummaryReport.detail(
            "cancellation of an unused reward, dev server at %s: %s", server.target(), latencies);
        return "%.1f".formatted(latencies.p99());
      }
    } catch (Exception e) {
      e.printStackTrace();
      SummaryReport.detail("the dev server run failed: %s", e);
      return "n/a (the dev server run failed: see target/bench-summary.log)";
    }
  }
}
