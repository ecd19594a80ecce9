package io.pointsaga.redemption;

/** Ledger idempotency keys of a redemption's business events. */
public final class RedemptionKeys {
  private RedemptionKeys() {}

  public static String debit(String redemptionId) {
    return "redemption:" + redemptionId + ":debit";
  }

  public static String debitReversal(String redemptionId) {
    return "redemption:" + redemptionId + ":debit-reversal";
  }

  /** The note that a redemption ended FAILED. */
  public static String failed(String redemptionId) {
    return "redemption:" + redemptionId + ":failed";
  }

  /** Coupon points given back, in part, by one refund event of the order the coupon was used on. */
  public static String orderRefundShare(String redemptionId, String orderId, String eventKey) {
    return "redemption:%s:order:%s:%s".formatted(redemptionId, orderId, eventKey);
  }

  public static String refund(String redemptionId) {
    return "redemption:" + redemptionId + ":refund";
  }
}
