package io.pointsaga.starter.customer;

import io.pointsaga.ledger.CustomerAccount;
import io.pointsaga.ledger.CustomerDirectory;
import io.pointsaga.ledger.CustomerDirectory.CustomerPage;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.FeedCursors;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's customers: listed in id order a page at a time, or found by part of their id. */
@RestController
class CustomerListController {
  private final CustomerDirectory directory;

  CustomerListController(CustomerDirectory directory) {
    this.directory = directory;
  }

  @GetMapping("/api/v1/shops/{shop}/customers")
  CustomerListView customers(
      Shop shop,
      @Parameter(
              description =
                  "Part of the platform customer id, any case; absent to list every customer")
          @RequestParam(required = false)
          String query,
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be from 1 to 500")
          @Max(value = 500, message = "must be from 1 to 500")
          int limit,
      @Parameter(description = "The nextAfter of the previous page; absent for the first page")
          @RequestParam(required = false)
          String after) {
    CustomerPage page =
        directory.page(shop.id(), searchText(query), limit, FeedCursors.customerAfter(after));
    return new CustomerListView(
        page.customers().stream().map(CustomerRow::of).toList(), page.nextAfter().orElse(null));
  }

  private static Optional<String> searchText(String query) {
    if (query == null) {
      return Optional.empty();
    }
    String text = query.strip();
    if (text.isEmpty()
        || text.length() > CustomerDirectory.MAX_QUERY_LENGTH
        || text.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest(
          "'query' must be 1 to %d characters of a customer id, without control characters"
              .formatted(CustomerDirectory.MAX_QUERY_LENGTH));
    }
    return Optional.of(text);
  }

  record CustomerListView(List<CustomerRow> customers, String nextAfter) {}

  record CustomerRow(String customerId, long pointsBalance, String vipTier, Instant createdAt) {
    static CustomerRow of(CustomerAccount account) {
      return new CustomerRow(
          account.customerId(), account.pointsBalance(), account.vipTier(), account.createdAt());
    }
  }
}
