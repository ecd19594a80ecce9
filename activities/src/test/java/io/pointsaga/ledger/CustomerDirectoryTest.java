package io.pointsaga.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.ledger.CustomerDirectory.CustomerPage;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomerDirectoryTest {
  private static TestLedger db;
  private static Shop shop;
  private static CustomerDirectory directory;

  @BeforeAll
  static void customers() {
    db = new TestLedger();
    shop = db.shop("directory.myshopify.com", "http://127.0.0.1:1");
    Shop neighbour = db.shop("directory-neighbour.myshopify.com", "http://127.0.0.1:1");
    directory = new CustomerDirectory(db.jdbc);
    for (String id : List.of("1001", "1002", "2001", "ann@example.com", "ANNA", "bob", "1003")) {
      db.ledger.ensureCustomer(shop.id(), id);
    }
    db.ledger.ensureCustomer(neighbour.id(), "1004");
  }

  @Test
  void pagesListEveryCustomerOfTheShopOnceInIdOrder() {
    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    List<Integer> sizes = new ArrayList<>();
    do {
      CustomerPage page = directory.page(shop.id(), Optional.empty(), 3, after);
      page.customers().forEach(c -> seen.add(c.customerId()));
      sizes.add(page.customers().size());
      after = page.nextAfter().map(token -> CustomerDirectory.customerAfter(token).orElseThrow());
    } while (after.isPresent());

    assertThat(seen).hasSize(7).doesNotContain("1004").isSorted();
    assertThat(sizes).containsExactly(3, 3, 1);
  }

  @Test
  void aSearchFindsIdsContainingTheTextIgnoringCase() {
    assertThat(ids(directory.page(shop.id(), Optional.of("ann"), 50, Optional.empty())))
        .containsExactlyInAnyOrder("ann@example.com", "ANNA");
    assertThat(ids(directory.page(shop.id(), Optional.of("00"), 50, Optional.empty())))
        .containsExactly("1001", "1002", "1003", "2001");
    assertThat(ids(directory.page(shop.id(), Optional.of("zzz"), 50, Optional.empty()))).isEmpty();
    assertThat(ids(directory.page(shop.id(), Optional.of("%"), 50, Optional.empty())))
        .as("no LIKE wildcards")
        .isEmpty();
  }

  @Test
  void tokensRoundTripAndForeignOnesAreRefused() {
    assertThat(CustomerDirectory.customerAfter(CustomerDirectory.token("ann@example.com")))
        .contains("ann@example.com");
    assertThat(CustomerDirectory.customerAfter("1001")).isEmpty();
    assertThat(CustomerDirectory.customerAfter("")).isEmpty();
    assertThat(CustomerDirectory.customerAfter(CustomerDirectory.token("bad id with spaces")))
        .isEmpty();
  }

  private static List<String> ids(CustomerPage page) {
    return page.customers().stream().map(CustomerAccount::customerId).toList();
  }
}
