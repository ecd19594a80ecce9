package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.local.KillNineScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Proof 4(c) with the Temporal CLI (issue 10): {@link KillNineScenario} with the embedded mode
 * running {@code temporal server start-dev} itself (the CLI the stage installed, named by {@code
 * POINTSAGA_TEMPORAL_CLI}), its SQLite file in the data folder. The kill leaves the dev server and
 * PostgreSQL running; the next start stops both and starts them again on their files, and the
 * workflows that were running go on by themselves: the cancellation is resumed, not restarted.
 */
class KillNineRestartE2E {
  private static final long SEED = Long.getLong("pointsaga.test.seed", 20261201L);

  private KillNineScenario scenario;
  private Path data;

  @AfterEach
  void stopEverything() throws Exception {
    if (scenario != null) {
      scenario.stopEverything();
    }
    if (data != null) {
      FileSystemUtils.deleteRecursively(data);
    }
  }

  @Test
  void killedInTheMiddleOfABurstWithTheDevServerAndStartedAgainAppliesEveryEventExactlyOnce()
      throws Exception {
    E2EProperties properties = E2EProperties.fromSystem();
    ChildProcesses children = new ChildProcesses(properties.childPidsFile());
    Path work = Files.createDirectories(properties.outputDir().resolve("kill-nine"));
    data = Files.createTempDirectory("pointsaga-kill-nine-data-");
    scenario =
        new KillNineScenario(
            data, work, Optional.of(properties.temporalCli()), children::record, SEED);

    KillNineScenario.Outcome outcome = scenario.run();

    assertThat(Files.readString(work.resolve("second.log")))
        .as("the orphaned dev server of the killed run is found and stopped")
        .contains("Temporal dev server of " + data.resolve("temporal").resolve("temporal.db"));
    assertThat(outcome.recoveryLine())
        .as("the dev server kept the cancellation's saga: resumed, not restarted")
        .contains("cancellations: 1 resumed, 0 restarted");
    assertThat(outcome.cancellationOutcome()).isEqualTo("REWARD_UNTRACKED");
    System.out.println(outcome.describe("with the CLI (dev server)"));
  }
}
