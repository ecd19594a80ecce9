package io.pointsaga.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo shop the embedded mode seeds (SPEC §7). Set by DEMO_SHOP_DOMAIN, DEMO_ADMIN_TOKEN and
 * DEMO_WEBHOOK_SECRET; the defaults are printed at start-up. The operator token
 * (DEMO_OPERATOR_TOKEN, default {@code demo-operator-token}) is {@code pointsaga.operator-token} in
 * local.yml, read by the starter's {@code OperatorProperties}.
 */
@ConfigurationProperties(prefix = "pointsaga.demo")
record DemoShopProperties(
    @DefaultValue("demo-shop.myshopify.com") String shopDomain,
    @DefaultValue("demo-admin-token") String adminToken,
    @DefaultValue("demo-webhook-secret") String webhookSecret,
    @DefaultValue("shpat_sandbox_demo") String platformAccessToken) {}
