package io.pointsaga.temporal;

import java.util.Optional;

/**
 * Workflow ids, one per business object, built and parsed here only. They read well in the Temporal
 * UI's list: {@code cancel-redemption/demo-shop.myshopify.com/rdm_7KX2M9QF3A}.
 */
public final class WorkflowIds {
  private static final String REDEEM = "redeem-reward";
  private static final String CANCEL = "cancel-redemption";
  private static final String ORDER = "order";
  private static final String RECONCILE = "reconcile";

  private WorkflowIds() {}

  public static String redeemReward(String shopDomain, String redemptionId) {
    return join(REDEEM, shopDomain, redemptionId);
  }

  public static String cancelRedemption(String shopDomain, String redemptionId) {
    return join(CANCEL, shopDomain, redemptionId);
  }

  public static String order(String shopDomain, String orderId) {
    return join(ORDER, shopDomain, orderId);
  }

  /**
   * The shop's reconciliation saga (SPEC §10): one per installed shop, {@code reconcile/{shop}}.
   */
  public static String reconcile(String shopDomain) {
    if (shopDomain.contains("/")) {
      throw new IllegalArgumentException("ids must not contain '/': " + shopDomain);
    }
    return RECONCILE + "/" + shopDomain;
  }

  /** The shop of a reconciliation saga's workflow id, if it is one. */
  public static Optional<String> reconciledShopOf(String workflowId) {
    String[] parts = workflowId.split("/", -1);
    if (parts.length == 2 && parts[0].equals(RECONCILE) && !parts[1].isEmpty()) {
      return Optional.of(parts[1]);
    }
    return Optional.empty();
  }

  /** The redemption id of a redeem or cancel workflow id, if it is one. */
  public static Optional<String> redemptionIdOf(String workflowId) {
    String[] parts = workflowId.split("/", -1);
    if (parts.length == 3 && (parts[0].equals(REDEEM) || parts[0].equals(CANCEL))) {
      return Optional.of(parts[2]);
    }
    return Optional.empty();
  }

  private static String join(String kind, String shopDomain, String objectId) {
    if (shopDomain.contains("/") || objectId.contains("/")) {
      throw new IllegalArgumentException(
          "ids must not contain '/': " + shopDomain + ", " + objectId);
    }
    return kind + "/" + shopDomain + "/" + objectId;
  }
}
