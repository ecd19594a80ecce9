package io.pointsaga.order;

import io.pointsaga.order.OrderContext.CurrentRule;
import io.pointsaga.settings.ShopSettings;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link OrderActivities} that keeps state like the real one: {@code load} returns the
 * order as the previous applies left it, {@code apply} records each event key once (a repeat
 * changes nothing) and posts the points to a per-customer balance. Every call is logged, and the
 * fake counts how many of its calls ever ran at the same time.
 */
final class FakeOrderActivities implements OrderActivities {
  final Map<String, OrderState> orders = new ConcurrentHashMap<>();
  final Map<String, Long> balances = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> appliedNow = new ConcurrentHashMap<>();

  /** Event keys whose apply fails for good (non-retryable). */
  final Set<String> applyFailsFor = ConcurrentHashMap.newKeySet();

  final AtomicInteger maxConcurrent = new AtomicInteger();
  volatile ShopSettings settings = ShopSettings.defaults();
  volatile CurrentRule rule = OrderFixtures.rule("1");

  /** While set, load waits for it (to let events pile up behind a running one). */
  volatile CountDownLatch loadGate;

  private final List<String> calls = new ArrayList<>();
  private final AtomicInteger running = new AtomicInteger();

  synchronized void log(String call) {
    calls.add(call);
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  private void enter() {
    int now = running.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
  }

  private void exit() {
    running.decrementAndGet();
  }

  @Override
  public OrderContext load(String shopDomain, String orderId) {
    enter();
    try {
      CountDownLatch gate = loadGate;
      if (gate != null) {
        loadGate = null;
        if (!gate.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("load gate never opened");
        }
      }
      log("load " + orderId);
      return new OrderContext(
          orders.getOrDefault(orderId, OrderState.unknown(orderId)), settings, rule);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      exit();
    }
  }

  @Override
  public synchronized AppliedChange apply(String shopDomain, String orderId, OrderChange change) {
    enter();
    try {
      log("apply " + change.eventKey() + " " + change.pointsDelta());
      RuntimeException scripted = applyThrows.poll();
      if (scripted != null) {
        throw scripted;
      }
      if (applyFailsFor.contains(change.eventKey())) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Shop %s is not known to this service".formatted(shopDomain), "UnknownShop");
      }
      OrderState stored = orders.get(orderId);
      if (stored != null && stored.applied(change.eventKey())) {
        return new AppliedChange(false, 0, 0);
      }
      appliedNow.computeIfAbsent(change.eventKey(), k -> new AtomicInteger()).incrementAndGet();
      String customer = change.after().customerId();
      if (change.pointsDelta() != 0) {
        balances.merge(customer, change.pointsDelta(), Long::sum);
      }
      orders.put(orderId, change.after());
      return new AppliedChange(true, change.pointsDelta(), 0);
    } finally {
      exit();
    }
  }

  @Override
  public VipChange recalculateVip(String shopDomain, String customerId, String cause) {
    enter();
    try {
      log("vip " + customerId + " " + cause);
      return new VipChange("Gold", "Gold");
    } finally {
      exit();
    }
  }

  /** Failed events kept for a person, by event key (a repeat keeps the first). */
  final Map<String, FailedOrderEvent> attention = new ConcurrentHashMap<>();

  /** Exceptions apply throws, in order, before it works (to script transient failures). */
  final java.util.Deque<RuntimeException> applyThrows =
      new java.util.concurrent.LinkedBlockingDeque<>();

  @Override
  public boolean recordFailure(String shopDomain, String orderId, FailedOrderEvent failed) {
    log("attention " + failed.eventKey() + " " + failed.failureType());
    return attention.putIfAbsent(failed.eventKey(), failed) == null;
  }

  /**
   * Deliveries marked handled, in order, each with the calls logged before it (kept apart from
   * {@link #calls()}, which the tests compare exactly).
   */
  final List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public void deliveryHandled(String shopDomain, long inboxId) {
    handled.add(inboxId + " after " + calls().size() + " calls");
  }

  int timesApplied(String eventKey) {
    AtomicInteger count = appliedNow.get(eventKey);
    return count == null ? 0 : count.get();
  }
}
