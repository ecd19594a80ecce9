package io.pointsaga.local;

import io.temporal.worker.WorkerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP once the demo shop is seeded, the work under way at the last stop is recovered and the
 * Temporal workers poll (SPEC §7).
 */
@Component("embeddedMode")
class EmbeddedModeHealth implements HealthIndicator {
  private final DemoShopSeeder seeder;
  private final WorkerFactory workers;
  private final RecoveryAtStart recovery;

  EmbeddedModeHealth(DemoShopSeeder seeder, WorkerFactory workers, RecoveryAtStart recovery) {
    this.seeder = seeder;
    this.workers = workers;
    this.recovery = recovery;
  }

  @Override
  public Health health() {
    if (!seeder.seeded()) {
      return Health.down().withDetail("reason", "demo shop not seeded yet").build();
    }
    if (!recovery.done()) {
      return Health.down()
          .withDetail("reason", "recovering what was under way at the last stop")
          .build();
    }
    if (!workers.isStarted()) {
      return Health.down().withDetail("reason", "Temporal workers not started yet").build();
    }
    return Health.up().build();
  }
}
