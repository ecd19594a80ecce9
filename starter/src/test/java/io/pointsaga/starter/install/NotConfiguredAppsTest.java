package io.pointsaga.starter.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.starter.web.ApiException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Without the app's credentials, the install endpoints answer 503 before touching anything. */
class NotConfiguredAppsTest {

  private static void assertNotConfigured(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(e.error()).isEqualTo("not_configured");
            });
  }

  @Test
  void shopifyWithoutKeyOrSecretAnswers503() {
    for (ShopifyAppProperties app :
        new ShopifyAppProperties[] {
          new ShopifyAppProperties(null, null, null, null),
          new ShopifyAppProperties("key", " ", null, null)
        }) {
      ShopifyOAuthController controller =
          new ShopifyOAuthController(app, null, null, null, null, null);
      assertNotConfigured(() -> controller.install("a.myshopify.com"));
      assertNotConfigured(() -> controller.callback(Map.of("shop", "a.myshopify.com"), null));
    }
  }

  @Test
  void bigCommerceWithoutClientIdOrSecretAnswers503() {
    BigCommerceAppController controller =
        new BigCommerceAppController(
            new BigCommerceAppProperties("id", "", null, null),
            null,
            null,
            null,
            null,
            Clock.systemUTC());
    assertNotConfigured(() -> controller.auth("c", "s", "stores/abc", "application/json"));
    assertNotConfigured(() -> controller.load("x.y.z", null));
    assertNotConfigured(() -> controller.uninstall("x.y.z"));
  }
}
