package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof 4(c) without the Temporal CLI (issue 10): {@link KillNineScenario} with the in-memory
 * Temporal server, which loses every workflow with the kill. Nothing is lost anyway: deliveries
 * recorded but not handled are handed over again at start, and the running cancellation is
 * restarted from the database.
 */
class KillNineRestartTest {
  private static final long SEED = Long.getLong("pointsaga.test.seed", 20261130L);

  @TempDir Path data;
  @TempDir Path logs;
  private KillNineScenario scenario;

  @AfterEach
  void stopEverything() throws Exception {
    scenario.stopEverything();
  }

  @Test
  void killedInTheMiddleOfABurstAndStartedAgainAppliesEveryEventExactlyOnce() throws Exception {
    scenario = new KillNineScenario(data, logs, Optional.empty(), process -> {}, SEED);

    KillNineScenario.Outcome outcome = scenario.run();

    assertThat(outcome.recoveryLine())
        .as("the in-memory server lost the cancellation's saga: restarted from the database")
        .contains("cancellations: 0 resumed, 1 restarted");
    assertThat(outcome.cancellationOutcome())
        .as("the restarted saga ends (the simulated platform forgot the code with the kill)")
        .isEqualTo("REWARD_UNTRACKED");
    System.out.println(outcome.describe("without the CLI (in-memory Temporal)"));
  }
}
