package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pointsaga.platform.PlatformTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Once a shop uninstalled PointSaga, the adapters refuse to call its platform, for good. */
class UninstalledShopTest {

  @RegisterExtension
  static final WireMockExtension platform =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final PlatformHttpSettings SETTINGS =
      new PlatformHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2));

  private PlatformAccounts uninstalled(String domain, PlatformKind kind) {
    PlatformAccount account =
        new PlatformAccount(domain, kind, platform.baseUrl() + "/stores/abc", "token", false);
    return shop -> shop.equals(domain) ? Optional.of(account) : Optional.empty();
  }

  @Test
  void discountCallsFailWithShopUninstalledAndNeverReachThePlatform() {
    PlatformActivities activities =
        new PlatformActivitiesImpl(
            uninstalled("gone.myshopify.com", PlatformKind.SHOPIFY), SETTINGS);

    ApplicationFailure revoke =
        failureOf(() -> activities.revokeDiscountCode("gone.myshopify.com", "RWD-1"));
    ApplicationFailure create =
        failureOf(
            () ->
                activities.createDiscountCode(
                    "gone.myshopify.com",
                    new DiscountCodeSpec("RWD-2", "reward", new BigDecimal("5.00"), "7")));

    for (ApplicationFailure failure : new ApplicationFailure[] {revoke, create}) {
      assertThat(failure.getType()).isEqualTo(PlatformFailure.SHOP_UNINSTALLED);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage())
          .contains("gone.myshopify.com has uninstalled PointSaga", "Shopify");
    }
    assertThat(revoke.getOriginalMessage()).contains("revoke discount code RWD-1");
    assertThat(platform.getAllServeEvents()).isEmpty();
  }

  @Test
  void bigCommerceOrderLookupsFailWithShopUninstalled() {
    PlatformOrderActivities activities =
        new PlatformOrderActivitiesImpl(
            uninstalled("store-abc.mybigcommerce.com", PlatformKind.BIGCOMMERCE), SETTINGS);
    OrderEvent event =
        new OrderEvent(
            9L,
            OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
            "status:4",
            "store-abc.mybigcommerce.com",
            "250",
            null,
            null,
            null,
            4);

    ApplicationFailure failure = failureOf(() -> activities.resolve(event));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.SHOP_UNINSTALLED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("fetch order 250", "BigCommerce");
    assertThat(platform.getAllServeEvents()).isEmpty();
  }
}
