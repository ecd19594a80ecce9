package io.pointsaga.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyset pages of the activity feeds (SPEC §12): walking the pages gives exactly the unpaged feed,
 * even when many lines share one instant (entries and notes written in the same microsecond) and
 * when new lines arrive between two pages.
 */
class ActivityFeedPagingTest {
  private static final Instant T0 = Instant.parse("2031-03-01T10:00:00.123456Z");
  private static final AtomicReference<Instant> NOW = new AtomicReference<>(T0);
  private static TestLedger db;
  private static Shop shop;

  @BeforeAll
  static void database() {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return NOW.get();
          }
        };
    db = new TestLedger(clock);
    shop = db.shop("feed-paging.myshopify.com", "http://127.0.0.1:1");
  }

  @Test
  void walkingThePagesGivesTheWholeFeedOnceInOrderWhateverThePageSize() {
    Random random = new Random(20311);
    String customer = "walker";
    // 40 lines over 6 instants: many share their instant with others, entries and notes mixed
    for (int i = 0; i < 40; i++) {
      NOW.set(T0.plusMillis(random.nextInt(6)));
      if (random.nextBoolean()) {
        db.ledger.post(entry(customer, 1 + random.nextInt(50), "walk-" + i));
      } else {
        db.activity.add(note(customer, "walk-note-" + i));
      }
    }
    List<ActivityItem> whole = db.activity.customerFeed(shop.id(), customer, 500);
    assertThat(whole).hasSize(40);

    for (int size : new int[] {1, 3, 7, 39, 40, 41}) {
      List<ActivityItem> walked =
          walk(size, before -> db.activity.customerFeed(shop.id(), customer, size, before));
      assertThat(walked).as("pages of %d", size).containsExactlyElementsOf(whole);
    }
  }

  @Test
  void linesAddedBetweenTwoPagesNeitherShiftNorRepeatTheOlderPages() {
    String customer = "busy";
    NOW.set(T0);
    for (int i = 0; i < 6; i++) {
      db.ledger.post(entry(customer, 10, "busy-" + i));
    }
    List<ActivityItem> before = db.activity.customerFeed(shop.id(), customer, 500);
    FeedPage first = db.activity.customerFeed(shop.id(), customer, 4, Optional.empty());

    NOW.set(T0.plusSeconds(1));
    db.ledger.post(entry(customer, 10, "busy-late"));
    db.activity.add(note(customer, "busy-late-note"));
    FeedPage second = db.activity.customerFeed(shop.id(), customer, 4, first.next());

    assertThat(first.next()).isPresent();
    assertThat(second.next()).isEmpty();
    List<ActivityItem> seen = new ArrayList<>(first.entries());
    seen.addAll(second.entries());
    assertThat(seen).containsExactlyElementsOf(before);
  }

  @Test
  void theShopFeedPagesAcrossCustomers() {
    Shop other = db.shop("feed-paging-shop.myshopify.com", "http://127.0.0.1:1");
    NOW.set(T0);
    for (int i = 0; i < 9; i++) {
      db.ledger.post(
          new Posting(
              other.id(),
              "c" + (i % 3),
              5,
              EntryKind.MANUAL_ADJUSTMENT,
              "shop-" + i,
              "n",
              null,
              null,
              BalanceRule.ALLOW_NEGATIVE));
    }
    List<ActivityItem> whole = db.activity.shopFeed(other.id(), 500);

    List<ActivityItem> walked = walk(2, before -> db.activity.shopFeed(other.id(), 2, before));

    assertThat(whole).hasSize(9);
    assertThat(walked).containsExactlyElementsOf(whole);
  }

  /**
   * The page reads its lines from the (shop, [customer,] created_at, id) indexes and stops there:
   * whatever the history's length, each table gives at most the page's lines (issue 12: a single
   * ORDER BY over the union read and sorted the whole history, 1.2 s at 10^6 entries).
   */
  @Test
  void aPageReadsNoMoreThanItsLinesFromEachTableHoweverLongTheHistory() throws Exception {
    Shop big = db.shop("feed-plan.myshopify.com", "http://127.0.0.1:1");
    String customer = "long";
    int lines = 5_000;
    db.tx.executeWithoutResult(
        tx -> {
          db.jdbc
              .sql("insert into customer (shop_id, customer_id) values (?, ?)")
              .params(big.id(), customer)
              .update();
          // one chain through the ledger's triggers, a millisecond apart, oldest first
          db.jdbc
              .sql(
                  """
                  insert into ledger_entry (shop_id, customer_id, points, kind, idempotency_key,
                                            balance_after, note, created_at)
                  select ?, ?, 10, 'MANUAL_ADJUSTMENT', 'plan-' || g, 10 * (g + 1), 'entry ' || g,
                         ?::timestamptz + make_interval(secs => g / 1000.0)
                    from generate_series(0, ? - 1) g order by g
                  """)
              .params(big.id(), customer, java.sql.Timestamp.from(T0), lines)
              .update();
          db.jdbc
              .sql("update customer set points_balance = ? where shop_id = ? and customer_id = ?")
              .params(10L * lines, big.id(), customer)
              .update();
        });
    db.jdbc
        .sql(
            """
            insert into activity_note (shop_id, customer_id, kind, message, idempotency_key, created_at)
            select ?, ?, 'NOTE', 'note ' || g, 'plan-note-' || g,
                   ?::timestamptz + make_interval(secs => g / 1000.0)
              from generate_series(0, ? - 1) g
            """)
        .params(big.id(), customer, java.sql.Timestamp.from(T0), lines)
        .update();
    db.jdbc.sql("analyze ledger_entry, activity_note").update();
    int limit = 20;
    FeedPage first = db.activity.customerFeed(big.id(), customer, limit, Optional.empty());
    FeedCursor deep =
        db.activity.customerFeed(big.id(), customer, 10 * limit, first.next()).next().get();

    for (boolean ofCustomer : new boolean[] {true, false}) {
      for (Optional<FeedCursor> before : List.of(Optional.<FeedCursor>empty(), Optional.of(deep))) {
        var query = db.jdbc.sql("explain (analyze, format json) " + Activity.feedQuery(ofCustomer));
        if (ofCustomer) {
          query = query.param("customer", customer);
        }
        String json =
            Activity.bind(query, big.id(), limit + 1, before).query(String.class).single();
        List<com.fasterxml.jackson.databind.JsonNode> scans = new ArrayList<>();
        collectScans(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json), scans);
        String which =
            (ofCustomer ? "customer" : "shop")
                + " feed, "
                + before.map(c -> "deep page").orElse("first page");
        assertThat(scans).as(which + ": one scan per table").hasSize(2);
        for (var scan : scans) {
          assertThat(scan.path("Node Type").asText())
              .as(which + ": " + scan.path("Relation Name").asText())
              .isIn("Index Scan", "Index Only Scan");
          assertThat(scan.path("Actual Rows").asLong() * scan.path("Actual Loops").asLong())
              .as(which + ": lines read from " + scan.path("Relation Name").asText())
              .isLessThanOrEqualTo(limit + 1);
        }
      }
    }
  }

  private static void collectScans(
      com.fasterxml.jackson.databind.JsonNode node,
      List<com.fasterxml.jackson.databind.JsonNode> scans) {
    if (node.isObject()) {
      String relation = node.path("Relation Name").asText("");
      if (relation.equals("ledger_entry") || relation.equals("activity_note")) {
        scans.add(node);
      }
    }
    node.forEach(child -> collectScans(child, scans));
  }

  @Test
  void aCursorRoundTripsAndAnythingElseIsRefused() {
    FeedCursor cursor = new FeedCursor(T0, 1, 42);

    assertThat(FeedCursor.parse(cursor.token())).contains(cursor);
    assertThat(FeedCursor.parse("")).isEmpty();
    assertThat(FeedCursor.parse("not base64 !")).isEmpty();
    assertThat(FeedCursor.parse(base64("f1.12.2.3"))).as("source 2").isEmpty();
    assertThat(FeedCursor.parse(base64("f2.12.0.3"))).as("another version").isEmpty();
    assertThat(FeedCursor.parse(base64("f1.99999999999999999999.0.3"))).isEmpty();
    assertThat(FeedCursor.parse("A".repeat(81))).isEmpty();
  }

  private static String base64(String plain) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes());
  }

  private interface PageSource {
    FeedPage page(Optional<FeedCursor> before);
  }

  private static List<ActivityItem> walk(int size, PageSource pages) {
    List<ActivityItem> walked = new ArrayList<>();
    Optional<FeedCursor> before = Optional.empty();
    for (int guard = 0; guard < 100; guard++) {
      FeedPage page = pages.page(before);
      assertThat(page.entries().size()).isLessThanOrEqualTo(size);
      walked.addAll(page.entries());
      if (page.next().isEmpty()) {
        return walked;
      }
      assertThat(page.entries()).as("a page with a next page is full").hasSize(size);
      before = page.next();
    }
    throw new AssertionError("the pages never ended");
  }

  private static Posting entry(String customer, long points, String key) {
    return new Posting(
        shop.id(),
        customer,
        points,
        EntryKind.MANUAL_ADJUSTMENT,
        key,
        "adjust " + key,
        null,
        null,
        BalanceRule.ALLOW_NEGATIVE);
  }

  private static Note note(String customer, String key) {
    return new Note(shop.id(), customer, "NOTE", null, null, "note " + key, key);
  }
}
