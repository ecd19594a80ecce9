package io.pointsaga.local;

import io.pointsaga.earning.EarningRules;
import io.pointsaga.local.sandbox.SimulatedPlatform;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.shop.ShopInstallation;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo shop (SPEC §7, §10): creates it on the simulated Shopify platform, signing its
 * webhooks with DEMO_WEBHOOK_SECRET, and installs it through the operator's install path, so its
 * webhook subscriptions exist on the platform and its orders' webhooks are real. Then adds the
 * admin token DEMO_ADMIN_TOKEN, a Place-an-order rule of 1 point per unit, and the reward "$5 off"
 * for 500 points. Idempotent: a shop already installed (a kept database) is updated and its
 * subscriptions repaired.
 */
@Component
class DemoShopSeeder implements ApplicationRunner {
  static final String DEMO_REWARD = "$5 off";

  private final DemoShopProperties demo;
  private final Shops shops;
  private final ShopInstallation installation;
  private final Rewards rewards;
  private final EarningRules earningRules;
  private final SimulatedPlatform platform;
  private final Environment environment;
  private final AtomicBoolean seeded = new AtomicBoolean();

  DemoShopSeeder(
      DemoShopProperties demo,
      Shops shops,
      ShopInstallation installation,
      Rewards rewards,
      EarningRules earningRules,
      SimulatedPlatform platform,
      Environment environment) {
    this.demo = demo;
    this.shops = shops;
    this.installation = installation;
    this.rewards = rewards;
    this.earningRules = earningRules;
    this.platform = platform;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    String port = environment.getRequiredProperty("local.server.port");
    String platformUrl = "http://127.0.0.1:" + port + "/sandbox/shops/" + demo.shopDomain();
    platform.registerShop(demo.shopDomain(), demo.platformAccessToken(), demo.webhookSecret());
    Optional<Shop> installed = shops.findByDomain(demo.shopDomain()).filter(Shop::active);
    Shop shop;
    if (installed.isEmpty()) {
      shop =
          installation
              .install(
                  new ShopInstallation.Installation(
                      demo.shopDomain(),
                      PlatformKind.SHOPIFY,
                      demo.platformAccessToken(),
                      demo.webhookSecret(),
                      platformUrl,
                      "USD"))
              .shop();
    } else {
      shop =
          shops.upsert(
              demo.shopDomain(),
              PlatformKind.SHOPIFY,
              platformUrl,
              demo.platformAccessToken(),
              demo.webhookSecret(),
              "USD");
      installation.repair(shop);
    }
    shops.addAdminToken(shop.id(), demo.adminToken(), "demo admin");
    if (earningRules.placeOrderRule(shop.id()).isEmpty()) {
      earningRules.putPlaceOrderRule(shop.id(), BigDecimal.ONE, true);
    }
    if (rewards.list(shop.id()).stream().noneMatch(r -> r.name().equals(DEMO_REWARD))) {
      rewards.create(shop.id(), DEMO_REWARD, 500, new BigDecimal("5.00"));
    }
    seeded.set(true);
  }

  boolean seeded() {
    return seeded.get();
  }
}
