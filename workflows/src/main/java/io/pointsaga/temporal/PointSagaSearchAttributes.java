package io.pointsaga.temporal;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The custom search attributes operators filter sagas by in the Temporal UI, e.g. {@code
 * PointSagaRedemption = "rdm_7kx2m9qf3a"} or {@code PointSagaOutcome = "REWARD_USED"}. All
 * keywords; the worker registers them at start-up.
 */
public final class PointSagaSearchAttributes {
  public static final SearchAttributeKey<String> SHOP =
      SearchAttributeKey.forKeyword("PointSagaShop");
  public static final SearchAttributeKey<String> CUSTOMER =
      SearchAttributeKey.forKeyword("PointSagaCustomer");
  public static final SearchAttributeKey<String> ORDER =
      SearchAttributeKey.forKeyword("PointSagaOrder");
  public static final SearchAttributeKey<String> REDEMPTION =
      SearchAttributeKey.forKeyword("PointSagaRedemption");
  public static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("PointSagaOutcome");

  public static final List<SearchAttributeKey<String>> ALL =
      List.of(SHOP, CUSTOMER, ORDER, REDEMPTION, OUTCOME);

  private PointSagaSearchAttributes() {}
}
