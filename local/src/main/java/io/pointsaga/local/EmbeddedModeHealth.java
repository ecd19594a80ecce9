package io.pointsaga.local;

import io.temporal.worker.WorkerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP once the demo shop is seeded and the Temporal workers poll (SPEC §7). */
@Component("embeddedMode")
class EmbeddedModeHealth implements HealthIndicator {
  private final DemoShopSeeder seeder;
  private final WorkerFactory workers;

  EmbeddedModeHealth(DemoShopSeeder seeder, WorkerFactory workers) {
    this.seeder = seeder;
    this.workers = workers;
  }

  @Override
  public Health health() {
    if (!seeder.seeded()) {
      return Health.down().withDetail("reason", "demo shop not seeded yet").build();
    }
    if (!workers.isStarted()) {
      return Health.down().withDetail("reason", "Temporal workers not started yet").build();
    }
    return Health.up().build();
  }
}
