package io.pointsaga.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlatformOrderActivitiesConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(PlatformConfiguration.class, PlatformOrderActivitiesImpl.class)
          .withBean(PlatformAccounts.class, () -> shopDomain -> Optional.empty());

  @Test
  void wiresThePlatformOrderActivitiesBean() {
    context.run(
        started -> {
          assertThat(started).hasNotFailed();
          PlatformOrderActivities activities =
              started.getBean("platformOrderActivities", PlatformOrderActivities.class);
          assertThat(activities).isInstanceOf(PlatformOrderActivitiesImpl.class);
          OrderEvent paid =
              new OrderEvent(
                  1L,
                  OrderEventKind.PAID,
                  "paid",
                  "demo.myshopify.com",
                  "1",
                  null,
                  null,
                  null,
                  null);
          assertThat(activities.resolve(paid)).isSameAs(paid);
        });
  }
}
