package io.pointsaga.shop;

import io.pointsaga.platform.PlatformAccount;
import io.pointsaga.platform.PlatformKind;

/** A merchant's shop on a platform, with what it takes to call that platform. */
public record Shop(
    long id,
    String domain,
    PlatformKind platform,
    String apiBaseUrl,
    String apiAccessToken,
    String webhookSecret,
    String currency,
    ShopStatus status) {

  public PlatformAccount platformAccount() {
    return new PlatformAccount(domain, platform, apiBaseUrl, apiAccessToken, active());
  }

  public boolean active() {
    return status == ShopStatus.ACTIVE;
  }

  @Override
  public String toString() {
    return "Shop[" + domain + " on " + platform + ", " + status + "]"; // never print secrets
  }
}
