package io.pointsaga.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PlatformHttpSettingsTest {

  private static final String PREFIX = "pointsaga.platform.http";

  @Test
  void defaultsToFiveSecondsToConnectAndTenToAnswer() {
    PlatformHttpSettings settings = bind(Map.of());

    assertThat(settings)
        .isEqualTo(new PlatformHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10)));
  }

  @Test
  void bindsConfiguredTimeouts() {
    PlatformHttpSettings settings =
        bind(Map.of(PREFIX + ".connect-timeout", "2s", PREFIX + ".request-timeout", "750ms"));

    assertThat(settings)
        .isEqualTo(new PlatformHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(750)));
  }

  private static PlatformHttpSettings bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate(PREFIX, PlatformHttpSettings.class);
  }
}
