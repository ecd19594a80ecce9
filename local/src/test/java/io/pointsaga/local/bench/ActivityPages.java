package io.pointsaga.local.bench;

import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The first page of a customer's activity and of the shop's activity over the admin API, with a
 * given number of ledger entries. Each size gets two fresh shops: one whose single customer holds
 * every entry (the customer's feed), one whose entries are spread over customers of {@link
 * #ENTRIES_PER_CUSTOMER} each (the shop's feed). Sizes are measured smallest first, so the small
 * one runs before the big one's rows exist.
 */
final class ActivityPages {
  static final int ENTRIES_PER_CUSTOMER = 100;

  /** p99 of the first page of each feed with this many entries. */
  record FeedLatency(long entries, Latencies customer, Latencies shop) {
    double worseP99() {
      return Math.max(customer.p99(), shop.p99());
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Shops shops;
  private final FeedRows rows;

  ActivityPages(String baseUrl, Shops shops, FeedRows rows) {
    this.baseUrl = baseUrl;
    this.shops = shops;
    this.rows = rows;
  }

  /** Fills the two shops with {@code entries} entries each, then times {@code samples} pages. */
  FeedLatency measure(long entries, int samples) throws Exception {
    String oneCustomer = fill("one-customer", 1, entries);
    String manyCustomers =
        fill("many-customers", (int) Math.max(1, entries / ENTRIES_PER_CUSTOMER), entries);
    Latencies customer =
        time(oneCustomer, "/customers/" + FeedRows.customerId("c", 0) + "/activity", samples);
    Latencies shop = time(manyCustomers, "/activity", samples);
    return new FeedLatency(entries, customer, shop);
  }

  /** A fresh shop with {@code entries} entries over {@code customers}; returns its domain. */
  private String fill(String kind, int customers, long entries) {
    String domain = "bench-feed-%s-%d.myshopify.com".formatted(kind, entries);
    Shop shop =
        shops.upsert(domain, PlatformKind.SHOPIFY, "http://127.0.0.1:9", "unused", "unused", "USD");
    shops.addAdminToken(shop.id(), token(domain), "benchmark");
    rows.fill(shop.id(), "c", customers, entries);
    return domain;
  }

  private static String token(String domain) {
    return "bench-token-" + domain;
  }

  private Latencies time(String domain, String path, int samples) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/shops/" + domain + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token(domain))
            .GET()
            .build();
    for (int i = 0; i < Math.max(5, samples / 10); i++) {
      get(request);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      get(request);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return Latencies.of(millis);
  }

  private void get(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains("\"entries\"")) {
      throw new IllegalStateException(
          request.uri() + " -> " + response.statusCode() + " " + response.body());
    }
  }
}
