package io.pointsaga.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlatformConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(PlatformConfiguration.class, PlatformActivitiesImpl.class)
          .withBean(PlatformAccounts.class, () -> shopDomain -> Optional.empty());

  @Test
  void wiresThePlatformActivitiesBeanWithBoundSettings() {
    context
        .withPropertyValues("pointsaga.platform.http.request-timeout=3s")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              assertThat(started.getBean("platformActivities"))
                  .isInstanceOf(PlatformActivitiesImpl.class);
              assertThat(started.getBean(PlatformHttpSettings.class))
                  .isEqualTo(
                      new PlatformHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(3)));
            });
  }
}
