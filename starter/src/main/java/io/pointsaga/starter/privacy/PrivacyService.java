package io.pointsaga.starter.privacy;

import io.pointsaga.privacy.CustomerExport;
import io.pointsaga.privacy.CustomerExports;
import io.pointsaga.privacy.CustomerRedaction;
import io.pointsaga.privacy.ErasureResult;
import io.pointsaga.privacy.PrivacyRequest;
import io.pointsaga.privacy.PrivacyRequestKind;
import io.pointsaga.privacy.PrivacyRequestSource;
import io.pointsaga.privacy.PrivacyRequests;
import io.pointsaga.privacy.RedactionOutcome;
import io.pointsaga.privacy.RedactionResult;
import io.pointsaga.privacy.ShopErasure;
import io.pointsaga.shop.Shop;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The three privacy operations, the same whether Shopify's compliance webhooks or the operator ask:
 * record a data request, redact a customer, erase a shop. Each is idempotent.
 */
@Service
class PrivacyService {
  private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);

  private final PrivacyRequests requests;
  private final CustomerExports exports;
  private final CustomerRedaction redaction;
  private final ShopErasure erasure;
  private final TransactionTemplate tx;

  PrivacyService(
      PrivacyRequests requests,
      CustomerExports exports,
      CustomerRedaction redaction,
      ShopErasure erasure,
      TransactionTemplate tx) {
    this.requests = requests;
    this.exports = exports;
    this.redaction = redaction;
    this.erasure = erasure;
    this.tx = tx;
  }

  PrivacyRequest recordDataRequest(
      Shop shop, String customerId, String requestRef, PrivacyRequestSource source) {
    PrivacyRequest request =
        requests.record(
            shop.id(), PrivacyRequestKind.DATA_REQUEST, customerId, requestRef, source, false);
    log.info("privacy: data request {} recorded for {}", request.id(), shop.domain());
    return request;
  }

  Optional<CustomerExport> export(Shop shop, String customerId) {
    return exports.export(shop.id(), customerId);
  }

  /**
   * Redacts the customer and records the request under the pseudonym (never the erased id); a
   * repeat finds nothing under the old id and changes nothing. Both in one transaction.
   */
  RedactionResult redactCustomer(
      Shop shop, String customerId, String requestRef, PrivacyRequestSource source) {
    RedactionResult result =
        tx.execute(
            status -> {
              RedactionResult redacted = redaction.redact(shop.id(), customerId);
              if (redacted.outcome() == RedactionOutcome.REDACTED) {
                requests.record(
                    shop.id(),
                    PrivacyRequestKind.CUSTOMER_REDACT,
                    redacted.pseudonym(),
                    requestRef,
                    source,
                    true);
              }
              return redacted;
            });
    log.info(
        "privacy: customer redaction in {}: {} ({} entries moved)",
        shop.domain(),
        result.outcome(),
        result.entriesMoved());
    return result;
  }

  ErasureResult eraseShop(Shop shop) {
    ErasureResult result = erasure.erase(shop);
    log.info(
        "privacy: shop {} erasure: {} ({} rows deleted)",
        shop.domain(),
        result.outcome(),
        result.rowsDeleted());
    return result;
  }

  /** The webhook secret an erased shop had, to verify a redelivery of its privacy webhooks. */
  Optional<String> erasedShopSecret(String domain, String platform) {
    return erasure.erasedShopSecret(domain, platform);
  }
}
