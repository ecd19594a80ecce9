package io.pointsaga.platform;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@link PlatformActivities} for real platforms: finds the shop's account and hands the call to
 * that platform's client. All clients share one HTTP client.
 */
@Component("platformActivities")
public class PlatformActivitiesImpl implements PlatformActivities {

  private final PlatformAccounts accounts;
  private final Map<PlatformKind, DiscountPlatformClient> clients =
      new EnumMap<>(PlatformKind.class);

  public PlatformActivitiesImpl(PlatformAccounts accounts, PlatformHttpSettings settings) {
    this.accounts = accounts;
    PlatformHttp http = new PlatformHttp(settings);
    clients.put(PlatformKind.SHOPIFY, new ShopifyDiscountClient(http, Clock.systemUTC()));
    clients.put(PlatformKind.BIGCOMMERCE, new BigCommerceCouponClient(http));
  }

  @Override
  public PlatformDiscount createDiscountCode(String shopDomain, DiscountCodeSpec spec) {
    PlatformAccount account = account(shopDomain, "create", spec == null ? null : spec.code());
    return clientFor(account).create(account, spec);
  }

  @Override
  public DiscountCodeStatus lookupDiscountCode(String shopDomain, String code) {
    PlatformAccount account = account(shopDomain, "look up", code);
    return clientFor(account).lookup(account, code);
  }

  @Override
  public RevocationResult revokeDiscountCode(String shopDomain, String code) {
    PlatformAccount account = account(shopDomain, "revoke", code);
    return clientFor(account).revoke(account, code);
  }

  private PlatformAccount account(String shopDomain, String action, String code) {
    PlatformAccount account =
        accounts
            .find(shopDomain)
            .orElseThrow(
                () -> PlatformFailures.unknownShop(shopDomain, action + " discount code " + code));
    PlatformCall call = PlatformCall.of(account, action, code);
    if (code == null || code.isBlank()) {
      throw PlatformFailures.invalid(call, "no discount code was given");
    }
    if (account.platform() == null || account.apiBaseUrl() == null) {
      throw PlatformFailures.invalid(call, "the shop's platform account names no platform or URL");
    }
    if (!account.installed()) {
      throw PlatformFailures.shopUninstalled(call);
    }
    if (account.accessToken() == null || account.accessToken().isBlank()) {
      throw PlatformFailures.missingCredentials(call);
    }
    return account;
  }

  private DiscountPlatformClient clientFor(PlatformAccount account) {
    return clients.get(account.platform());
  }
}
