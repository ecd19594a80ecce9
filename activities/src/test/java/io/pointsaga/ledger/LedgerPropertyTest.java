package io.pointsaga.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.shop.Shop;
import io.pointsaga.testing.Seeds;
import io.pointsaga.testing.TestLedger;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property test of the ledger rules of SPEC §2 under redelivery and concurrency: random earns,
 * redeems and manual adjustments for a few customers, keys drawn from a small pool so that they
 * repeat (a key always carries the same payload, like a redelivered webhook or a retried activity),
 * delivered in a shuffled order from several threads at once.
 *
 * <p>Seeds: a few fixed regression seeds and fresh ones every run ({@link Seeds}). A failure names
 * its seed; rerun it alone with {@code -Dtest=LedgerPropertyTest -Dpointsaga.seed=<seed>}.
 */
class LedgerPropertyTest {
  private static final Instant EXPIRY = Instant.parse("2031-01-01T00:00:00Z");

  private static TestLedger db;
  private static ExecutorService threadPool;

  @BeforeAll
  static void database() {
    db = new TestLedger();
    threadPool = Executors.newFixedThreadPool(8);
  }

  @AfterAll
  static void stop() {
    threadPool.shutdownNow();
  }

  /** The first five of the 40 seeds this test always ran, then fresh ones: 40 in all. */
  static LongStream seeds() {
    return Seeds.of(40, LongStream.rangeClosed(1, 5).map(i -> 0x5EED_0000L + i * 7919L).toArray());
  }

  /** What a key means: fixed by the key, whatever delivery carries it. */
  private record Event(String key, String customer, long points, EntryKind kind, BalanceRule rule) {
    boolean refusable() {
      return rule == BalanceRule.REQUIRE_SUFFICIENT;
    }
  }

  /** What one delivery got back: an entry, or a refusal for lack of points. */
  private record Outcome(Event event, LedgerEntry entry, boolean applied, boolean refused) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void cachedBalancesKeysAndBalanceChainsHoldUnderConcurrentRedelivery(long seed) throws Exception {
    Seeds.check(seed, () -> concurrentRedelivery(seed));
  }

  private void concurrentRedelivery(long seed) throws Exception {
    Random random = new Random(seed);
    Shop shop = db.shop("ledger-prop-" + seed + ".myshopify.com", "http://127.0.0.1:1");
    int customers = 3 + random.nextInt(2);
    int threads = 4 + random.nextInt(5);
    List<Event> events = eventPool(random, seed, customers);
    List<Event> deliveries = deliveries(random, events);
    String why =
        "seed %d (%d customers, %d keys, %d deliveries, %d threads)"
            .formatted(seed, customers, events.size(), deliveries.size(), threads);

    List<Outcome> outcomes = deliverConcurrently(shop, deliveries, threads, why);

    Set<String> delivered = deliveries.stream().map(Event::key).collect(Collectors.toSet());
    Map<String, Event> byKey =
        events.stream().collect(Collectors.toMap(Event::key, event -> event));
    List<LedgerEntry> entries = shopEntriesOldestFirst(shop.id());

    // Each key has at most one entry, and that entry carries the key's payload.
    Map<String, List<LedgerEntry>> entriesByKey =
        entries.stream().collect(Collectors.groupingBy(LedgerEntry::idempotencyKey));
    entriesByKey.forEach(
        (key, list) -> {
          assertThat(list).as("%s: entries of key %s", why, key).hasSize(1);
          assertThat(delivered).as("%s: entry for a key never delivered", why).contains(key);
          Event event = byKey.get(key);
          LedgerEntry entry = list.get(0);
          assertThat(entry.customerId())
              .as("%s: customer of %s", why, key)
              .isEqualTo(event.customer());
          assertThat(entry.points()).as("%s: points of %s", why, key).isEqualTo(event.points());
          assertThat(entry.kind()).as("%s: kind of %s", why, key).isEqualTo(event.kind());
        });

    // Every delivered key that cannot be refused was booked exactly once.
    for (String key : delivered) {
      Event event = byKey.get(key);
      if (!event.refusable()) {
        assertThat(entriesByKey.getOrDefault(key, List.of()))
            .as("%s: delivered non-refusable key %s", why, key)
            .hasSize(1);
      }
    }

    // Every answer names the one entry of its key; exactly one delivery per entry applied it.
    Map<String, Long> appliedCount = new HashMap<>();
    for (Outcome outcome : outcomes) {
      String key = outcome.event().key();
      if (outcome.refused()) {
        assertThat(outcome.event().refusable())
            .as("%s: key %s was refused but may not be", why, key)
            .isTrue();
        continue;
      }
      assertThat(entriesByKey.get(key))
          .as("%s: answer for key %s has no stored entry", why, key)
          .isNotNull();
      assertThat(outcome.entry())
          .as("%s: answer for key %s", why, key)
          .isEqualTo(entriesByKey.get(key).get(0));
      if (outcome.applied()) {
        appliedCount.merge(key, 1L, Long::sum);
      }
    }
    for (String key : entriesByKey.keySet()) {
      assertThat(appliedCount.getOrDefault(key, 0L))
          .as("%s: deliveries that applied key %s", why, key)
          .isEqualTo(1L);
    }

    Map<String, List<LedgerEntry>> byCustomer =
        entries.stream().collect(Collectors.groupingBy(LedgerEntry::customerId));
    for (int c = 0; c < customers; c++) {
      String customer = customer(c);
      List<LedgerEntry> chain = byCustomer.getOrDefault(customer, List.of());
      long sum = db.ledger.sumOfEntries(shop.id(), customer);

      // The cached balance equals the sum of the customer's entries.
      long cached =
          db.ledger
              .findCustomer(shop.id(), customer)
              .map(CustomerAccount::pointsBalance)
              .orElse(0L);
      assertThat(cached)
          .as("%s: cached balance of %s vs sum of entries", why, customer)
          .isEqualTo(sum);

      // balance_after chains, ordered by id.
      long running = 0;
      for (int i = 0; i < chain.size(); i++) {
        LedgerEntry entry = chain.get(i);
        running += entry.points();
        assertThat(entry.balanceAfter())
            .as(
                "%s: balance_after of %s entry #%d (key %s)",
                why, customer, i, entry.idempotencyKey())
            .isEqualTo(running);
        if (entry.kind() == EntryKind.REDEEM) {
          assertThat(entry.balanceAfter())
              .as("%s: REDEEM %s took %s below zero", why, entry.idempotencyKey(), customer)
              .isGreaterThanOrEqualTo(0);
        }
      }
      assertThat(running).as("%s: last balance_after of %s", why, customer).isEqualTo(sum);
    }
  }

  /**
   * Finding 1 as a property: postings of any size, most of them near the limits, for one customer
   * (sequential, with repeats). Each is applied exactly when the model says the balance stays
   * within plus or minus 10^15 (computed without overflow), else refused with nothing booked; the
   * cached balance always equals the sum of the entries and the last balance_after.
   */
  @Test
  void postingsNearTheLimitsNeverWrapAndNeverLeaveTheRange() throws Exception {
    for (long seed : seeds().limit(10).toArray()) {
      Seeds.check(seed, () -> postingsNearTheLimits(seed));
    }
  }

  private void postingsNearTheLimits(long seed) {
    Random random = new Random(seed);
    Shop shop = db.shop("ledger-limits-" + seed + ".myshopify.com", "http://127.0.0.1:1");
    String customer = "limits";
    BigInteger max = BigInteger.valueOf(LedgerLimits.MAX_BALANCE);
    long model = 0;
    Map<String, Long> applied = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      String why = "seed %d, posting #%d, model balance %d".formatted(seed, i, model);
      String key;
      long points;
      if (!applied.isEmpty() && random.nextInt(6) == 0) {
        List<String> keys = new ArrayList<>(applied.keySet());
        Collections.sort(keys);
        key = keys.get(random.nextInt(keys.size()));
        points = applied.get(key);
      } else {
        key = "limits-" + seed + "-" + i;
        points = bigPoints(random);
      }
      boolean repeat = applied.containsKey(key);
      BigInteger after = BigInteger.valueOf(model).add(BigInteger.valueOf(points));
      boolean fits =
          BigInteger.valueOf(points).abs().compareTo(max) <= 0 && after.abs().compareTo(max) <= 0;
      Posting posting =
          new Posting(
              shop.id(),
              customer,
              points,
              EntryKind.MANUAL_ADJUSTMENT,
              key,
              "limits " + key,
              null,
              null,
              BalanceRule.ALLOW_NEGATIVE);
      try {
        PostingResult result = db.ledger.post(posting);
        assertThat(repeat || fits).as("%s: %d points applied", why, points).isTrue();
        assertThat(result.applied()).as("%s: applied", why).isEqualTo(!repeat);
        if (!repeat) {
          model = after.longValueExact();
          applied.put(key, points);
        }
        assertThat(result.entry().balanceAfter())
            .as("%s: balance_after", why)
            .isBetween(-LedgerLimits.MAX_BALANCE, LedgerLimits.MAX_BALANCE);
      } catch (BalanceLimitException refused) {
        assertThat(!repeat && !fits).as("%s: %d points refused", why, points).isTrue();
        assertThat(refused.balance()).as("%s: balance in refusal", why).isEqualTo(model);
      }
      long cached =
          db.ledger
              .findCustomer(shop.id(), customer)
              .map(CustomerAccount::pointsBalance)
              .orElse(0L);
      assertThat(cached).as("%s: cached balance", why).isEqualTo(model);
      assertThat(db.ledger.sumOfEntries(shop.id(), customer))
          .as("%s: sum of entries", why)
          .isEqualTo(model);
    }
  }

  /** Points of any size, weighted towards the limits and the edges of long. */
  private static long bigPoints(Random random) {
    long max = LedgerLimits.MAX_BALANCE;
    long sign = random.nextBoolean() ? 1 : -1;
    return switch (random.nextInt(6)) {
      case 0 -> sign * max;
      case 1 -> sign * (max - random.nextInt(3));
      case 2 -> sign * (max + 1 + random.nextInt(3));
      case 3 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      case 4 -> sign * (random.nextLong() >>> (1 + random.nextInt(20)));
      default -> sign * random.nextInt(1000);
    };
  }

  private static String customer(int index) {
    return "cust-" + index;
  }

  /**
   * A small pool of business events. Earns are positive, redeems negative and refusable,
   * adjustments either sign and never refused.
   */
  private static List<Event> eventPool(Random random, long seed, int customers) {
    int size = 10 + random.nextInt(11);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String customer = customer(random.nextInt(customers));
      int pick = random.nextInt(10);
      String key;
      Event event;
      if (pick < 4) {
        key = "order:%d-%d:earn".formatted(seed, i);
        event =
            new Event(
                key, customer, 1 + random.nextInt(200), EntryKind.EARN, BalanceRule.ALLOW_NEGATIVE);
      } else if (pick < 7) {
        key = "redemption:%d-%d:debit".formatted(seed, i);
        event =
            new Event(
                key,
                customer,
                -(1 + random.nextInt(250)),
                EntryKind.REDEEM,
                BalanceRule.REQUIRE_SUFFICIENT);
      } else {
        key = "adjustment:%d-%d".formatted(seed, i);
        long points = random.nextInt(301) - 150;
        event =
            new Event(
                key,
                customer,
                points == 0 ? 1 : points,
                EntryKind.MANUAL_ADJUSTMENT,
                BalanceRule.ALLOW_NEGATIVE);
      }
      events.add(event);
    }
    return events;
  }

  /** Keys drawn with repetition (some never, many several times), then shuffled. */
  private static List<Event> deliveries(Random random, List<Event> pool) {
    int count = pool.size() * 2 + random.nextInt(pool.size() * 2);
    List<Event> deliveries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      deliveries.add(pool.get(random.nextInt(pool.size())));
    }
    // Make sure at least a few keys are delivered more than once, back to back or not.
    for (int i = 0; i < 3; i++) {
      deliveries.add(deliveries.get(random.nextInt(deliveries.size())));
    }
    Collections.shuffle(deliveries, random);
    return deliveries;
  }

  private List<Outcome> deliverConcurrently(
      Shop shop, List<Event> deliveries, int threads, String why) throws Exception {
    ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>(deliveries);
    List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          threadPool.submit(
              () -> {
                start.await();
                Event event;
                while ((event = queue.poll()) != null) {
                  try {
                    PostingResult result = db.ledger.post(posting(shop, event));
                    outcomes.add(new Outcome(event, result.entry(), result.applied(), false));
                  } catch (InsufficientPointsException refused) {
                    outcomes.add(new Outcome(event, null, false, true));
                  } catch (RuntimeException e) {
                    unexpected.put(event.key(), e);
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    assertThat(unexpected).as("%s: postings that failed unexpectedly", why).isEmpty();
    assertThat(outcomes).as("%s: answers", why).hasSize(deliveries.size());
    return outcomes;
  }

  private static Posting posting(Shop shop, Event event) {
    return new Posting(
        shop.id(),
        event.customer(),
        event.points(),
        event.kind(),
        event.key(),
        "property test " + event.key(),
        null,
        event.points() > 0 ? EXPIRY : null,
        event.rule());
  }

  private static List<LedgerEntry> shopEntriesOldestFirst(long shopId) {
    List<LedgerEntry> newestFirst = db.ledger.shopEntries(shopId, 10_000);
    List<LedgerEntry> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    Set<Long> ids = new HashSet<>();
    for (LedgerEntry entry : oldestFirst) {
      ids.add(entry.id());
    }
    assertThat(ids).hasSameSizeAs(oldestFirst);
    return oldestFirst;
  }
}
