package io.pointsaga.starter.privacy;

import io.pointsaga.privacy.CustomerExport;
import io.pointsaga.privacy.CustomerExports;
import io.pointsaga.privacy.PrivacyRequests;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.PathPatterns;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's privacy requests and a customer's export, for the shop's admin (SPEC §9). */
@RestController
@RequestMapping("/api/v1/shops/{shop}/privacy")
class PrivacyController {
  private final PrivacyRequests requests;
  private final CustomerExports exports;

  PrivacyController(PrivacyRequests requests, CustomerExports exports) {
    this.requests = requests;
    this.exports = exports;
  }

  @GetMapping("/requests")
  PrivacyRequestsView requests(
      Shop shop,
      @RequestParam(defaultValue = "100")
          @Min(value = 1, message = "must be from 1 to 500")
          @Max(value = 500, message = "must be from 1 to 500")
          int limit) {
    return new PrivacyRequestsView(
        requests.ofShop(shop.id(), limit).stream().map(PrivacyRequestView::of).toList());
  }

  /** Everything held about the customer; serving it completes their open data requests. */
  @GetMapping("/customers/{customerId}/export")
  CustomerExport export(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId) {
    return exports
        .export(shop.id(), customerId)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "Nothing is held about customer "
                        + customerId
                        + " in "
                        + shop.domain()
                        + " (never seen, or redacted)."));
  }

  record PrivacyRequestsView(List<PrivacyRequestView> requests) {}
}
