package io.pointsaga.redemption;

import io.pointsaga.platform.DiscountCodeSpec;
import io.pointsaga.platform.DiscountCodeStatus;
import io.pointsaga.platform.PlatformActivities;
import io.pointsaga.platform.PlatformDiscount;
import io.pointsaga.platform.RevocationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An in-memory e-commerce platform whose calls fail as scripted. */
final class FakePlatform implements PlatformActivities {
  static final String PLATFORM_DISCOUNT_ID = "gid://shopify/DiscountCodeNode/1001";

  final FailureScript createFailures = new FailureScript();
  final FailureScript lookupFailures = new FailureScript();
  final FailureScript revokeFailures = new FailureScript();

  /** Codes the platform was asked to create, in order. */
  final List<DiscountCodeSpec> created = Collections.synchronizedList(new ArrayList<>());

  private final CallLog log;
  private volatile DiscountCodeStatus lookupAnswer = DiscountCodeStatus.untracked();
  private volatile Runnable onRevoke = () -> {};

  FakePlatform(CallLog log) {
    this.log = log;
  }

  void answerLookup(DiscountCodeStatus status) {
    lookupAnswer = status;
  }

  /** Runs when a revoke succeeds, e.g. to have something else happen meanwhile. */
  void onRevoke(Runnable action) {
    onRevoke = action;
  }

  @Override
  public PlatformDiscount createDiscountCode(String shopDomain, DiscountCodeSpec spec) {
    log.add("createDiscountCode");
    created.add(spec);
    createFailures.apply();
    return new PlatformDiscount(PLATFORM_DISCOUNT_ID, spec.code());
  }

  @Override
  public DiscountCodeStatus lookupDiscountCode(String shopDomain, String code) {
    log.add("lookupDiscountCode");
    lookupFailures.apply();
    return lookupAnswer;
  }

  @Override
  public RevocationResult revokeDiscountCode(String shopDomain, String code) {
    log.add("revokeDiscountCode");
    revokeFailures.apply();
    onRevoke.run();
    return RevocationResult.REVOKED;
  }
}
