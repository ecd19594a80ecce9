package io.pointsaga.reconciliation;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.Note;
import io.pointsaga.platform.ChangedOrder;
import io.pointsaga.platform.OrderChangesPage;
import io.pointsaga.platform.PlatformOrderChanges;
import io.pointsaga.settings.Settings;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component("reconciliationActivities")
public class ReconciliationActivitiesImpl implements ReconciliationActivities {

  /** Each window starts this long before the cursor: late writes and clock skew are read again. */
  public static final Duration OVERLAP = Duration.ofMinutes(5);

  static final String NOTE_KIND = "RECONCILIATION";

  private final Shops shops;
  private final Settings settings;
  private final ReconciliationRuns runs;
  private final ReconciliationInbox inbox;
  private final PlatformOrderChanges platform;
  private final AttentionItems attention;
  private final Activity activity;
  private final TransactionTemplate tx;

  public ReconciliationActivitiesImpl(
      Shops shops,
      Settings settings,
      ReconciliationRuns runs,
      ReconciliationInbox inbox,
      PlatformOrderChanges platform,
      AttentionItems attention,
      Activity activity,
      TransactionTemplate tx) {
    this.shops = shops;
    this.settings = settings;
    this.runs = runs;
    this.inbox = inbox;
    this.platform = platform;
    this.attention = attention;
    this.activity = activity;
    this.tx = tx;
  }

  @Override
  public ReconciliationSchedule schedule(String shopDomain) {
    Optional<Shop> shop = shops.findByDomain(shopDomain).filter(Shop::active);
    return shop.map(
            s -> new ReconciliationSchedule(true, settings.of(s.id()).reconciliationEvery()))
        .orElseGet(
            () ->
                new ReconciliationSchedule(
                    false, io.pointsaga.settings.ShopSettings.DEFAULT_RECONCILIATION_INTERVAL));
  }

  @Override
  public Instant begin(
      String shopDomain,
      String reconciliationId,
      ReconciliationTrigger trigger,
      String workflowId) {
    Shop shop = shop(shopDomain);
    Instant cursor = runs.cursor(shop.id()).orElseGet(() -> runs.installedAt(shop.id()));
    return runs.begin(shop.id(), reconciliationId, trigger, workflowId, cursor.minus(OVERLAP));
  }

  @Override
  public ReconciliationPage readPage(String shopDomain, Instant readFrom, String page) {
    Shop shop = shop(shopDomain);
    OrderChangesPage changes = platform.read(shop.platformAccount(), readFrom, page);
    int recovered = 0;
    Instant latest = null;
    for (ChangedOrder order : changes.orders()) {
      recovered +=
          inbox.handOver(
              shop.id(), shop.platform(), OrderChangeEvents.of(shopDomain, shop.platform(), order));
      if (latest == null || order.updatedAt().isAfter(latest)) {
        latest = order.updatedAt();
      }
    }
    return new ReconciliationPage(changes.orders().size(), recovered, latest, changes.nextPage());
  }

  @Override
  public void complete(String shopDomain, String reconciliationId, ReconciliationTotals totals) {
    Shop shop = shop(shopDomain);
    tx.executeWithoutResult(
        status -> {
          if (!runs.finish(
              shop.id(), reconciliationId, ReconciliationStatus.COMPLETED, totals, null)) {
            return; // ended before: a retried step
          }
          if (totals.latestChange() != null) {
            runs.advanceCursor(shop.id(), totals.latestChange());
          }
          if (totals.eventsRecovered() > 0) {
            activity.add(
                new Note(
                    shop.id(),
                    null,
                    NOTE_KIND,
                    null,
                    null,
                    ReconciliationMessages.recovered(reconciliationId, totals),
                    "reconciliation:" + reconciliationId));
          }
        });
  }

  @Override
  public void fail(
      String shopDomain,
      String reconciliationId,
      String workflowId,
      ReconciliationTotals totals,
      String problem) {
    Shop shop = shop(shopDomain);
    tx.executeWithoutResult(
        status -> {
          runs.finish(shop.id(), reconciliationId, ReconciliationStatus.FAILED, totals, problem);
          attention.open(
              shop.id(),
              new NewAttentionItem(
                  AttentionKind.RECONCILIATION_FAILED,
                  "reconciliation:" + reconciliationId,
                  ReconciliationMessages.subject(reconciliationId),
                  ReconciliationMessages.failed(problem),
                  workflowId,
                  null,
                  null,
                  null));
        });
  }

  private Shop shop(String shopDomain) {
    return shops
        .findByDomain(shopDomain)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "Shop " + shopDomain + " is not known: nothing to reconcile.",
                    "PointSaga.Refused"));
  }
}
