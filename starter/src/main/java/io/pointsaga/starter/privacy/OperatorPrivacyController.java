package io.pointsaga.starter.privacy;

import io.pointsaga.platform.PlatformKind;
import io.pointsaga.privacy.CustomerExport;
import io.pointsaga.privacy.ErasureOutcome;
import io.pointsaga.privacy.ErasureResult;
import io.pointsaga.privacy.PrivacyRequestSource;
import io.pointsaga.privacy.RedactionOutcome;
import io.pointsaga.privacy.RedactionResult;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.OperatorAuthentication;
import io.pointsaga.starter.web.PathPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy operations for the operator (operator token, {@link OperatorAuthentication}): how a
 * BigCommerce merchant's customers, who have no compliance webhooks, are served, and how any shop's
 * request is served by hand. The same effects as Shopify's webhooks.
 */
@RestController
@RequestMapping(OperatorAuthentication.OPERATOR_SHOPS_API + "/shops/{shop}")
class OperatorPrivacyController {
  private final Shops shops;
  private final PrivacyService privacy;

  OperatorPrivacyController(Shops shops, PrivacyService privacy) {
    this.shops = shops;
    this.privacy = privacy;
  }

  /**
   * Records a data request and answers the export at once (null when nothing is held about the
   * customer); the same {@code reference} again records nothing new.
   */
  @PostMapping("/privacy/customers/{customerId}/data-request")
  DataRequestAnswer dataRequest(
      @PathVariable @Pattern(regexp = PathPatterns.SHOP, message = "is not a shop domain")
          String shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId,
      @Valid @RequestBody(required = false) OperatorPrivacyRequest request) {
    Shop found = shop(shop);
    PrivacyRequestView recorded =
        PrivacyRequestView.of(
            privacy.recordDataRequest(
                found, customerId, reference(request), PrivacyRequestSource.OPERATOR));
    CustomerExport export = privacy.export(found, customerId).orElse(null);
    return new DataRequestAnswer(recorded, export);
  }

  @PostMapping("/privacy/customers/{customerId}/redact")
  RedactionAnswer redactCustomer(
      @PathVariable @Pattern(regexp = PathPatterns.SHOP, message = "is not a shop domain")
          String shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId,
      @Valid @RequestBody(required = false) OperatorPrivacyRequest request) {
    RedactionResult result =
        privacy.redactCustomer(
            shop(shop), customerId, reference(request), PrivacyRequestSource.OPERATOR);
    return new RedactionAnswer(
        result.outcome(), result.pseudonym(), result.pointsBalance(), result.entriesMoved());
  }

  /** Deletes every row of the shop; a repeat for an erased shop answers NOTHING_HELD. */
  @PostMapping("/redact")
  ErasureAnswer redactShop(
      @PathVariable @Pattern(regexp = PathPatterns.SHOP, message = "is not a shop domain")
          String shop) {
    var found = shops.findByDomain(shop);
    if (found.isEmpty()) {
      boolean erased =
          privacy.erasedShopSecret(shop, PlatformKind.SHOPIFY.name()).isPresent()
              || privacy.erasedShopSecret(shop, PlatformKind.BIGCOMMERCE.name()).isPresent();
      if (!erased) {
        throw ApiException.notFound("Shop " + shop + " not found.");
      }
      return new ErasureAnswer(ErasureOutcome.NOTHING_HELD, shop, 0);
    }
    ErasureResult result = privacy.eraseShop(found.get());
    return new ErasureAnswer(result.outcome(), result.domain(), result.rowsDeleted());
  }

  private Shop shop(String domain) {
    return shops
        .findByDomain(domain)
        .orElseThrow(() -> ApiException.notFound("Shop " + domain + " not found."));
  }

  private static String reference(OperatorPrivacyRequest request) {
    return request != null && request.reference() != null && !request.reference().isBlank()
        ? "operator:" + request.reference().trim()
        : "operator:" + UUID.randomUUID();
  }

  /**
   * @param reference the merchant's or support ticket's reference: the same one again is the same
   *     request (optional; without it each call is a new request)
   */
  record OperatorPrivacyRequest(
      @Size(max = 200, message = "must be at most 200 characters") String reference) {}

  record DataRequestAnswer(PrivacyRequestView request, CustomerExport export) {}

  /**
   * @param pseudonym the id the customer's points are held under now; null when nothing was held
   */
  record RedactionAnswer(
      RedactionOutcome outcome, String pseudonym, long pointsBalance, int entriesMoved) {}

  record ErasureAnswer(ErasureOutcome outcome, String domain, long rowsDeleted) {}
}
