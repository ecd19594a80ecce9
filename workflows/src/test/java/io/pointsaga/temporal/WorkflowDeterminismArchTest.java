package io.pointsaga.temporal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.pointsaga.redemption.CancelRedemptionWorkflowImpl;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Workflow code is replayed and must do the same thing every time: no JDBC, HTTP, Spring,
 * randomness or clocks. (Workflows take time from {@code Workflow.currentTimeMillis()}, ids from
 * {@code Workflow.randomUUID()} and wait with {@code Workflow.sleep}.)
 */
class WorkflowDeterminismArchTest {

  static final DescribedPredicate<JavaClass> WORKFLOW_IMPLEMENTATIONS =
      DescribedPredicate.describe(
          "have a simple name ending with 'WorkflowImpl'",
          c -> c.getSimpleName().endsWith("WorkflowImpl"));

  static ArchRule deterministic(DescribedPredicate<JavaClass> classes) {
    return CompositeArchRule.of(
            noClasses()
                .that(classes)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "java.net..", "org.springframework.."))
        .and(
            noClasses()
                .that(classes)
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Random.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(UUID.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Clock.class))
        .and(
            noClasses()
                .that(classes)
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(Thread.class, "sleep", long.class)
                .orShould()
                .callMethod(Thread.class, "sleep", long.class, int.class))
        .because("workflow code is replayed and must do the same thing every time");
  }

  @Test
  void workflowImplementationsAreDeterministic() {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pointsaga");

    assertThat(production.that(WORKFLOW_IMPLEMENTATIONS))
        .extracting(JavaClass::getSimpleName)
        .contains("CancelRedemptionWorkflowImpl", "RedeemRewardWorkflowImpl");
    deterministic(WORKFLOW_IMPLEMENTATIONS).check(production);
  }

  @Test
  void everythingTheWorkflowsModuleCompilesIsDeterministicToo() throws URISyntaxException {
    // messages, failure texts and options run inside workflow code as well
    Path workflowsModule =
        Path.of(
            CancelRedemptionWorkflowImpl.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    JavaClasses module = new ClassFileImporter().importPath(workflowsModule);

    assertThat(module)
        .extracting(JavaClass::getSimpleName)
        .contains("CancellationMessages", "FailureText", "SagaOptions", "WorkflowIds");
    deterministic(DescribedPredicate.alwaysTrue()).check(module);
  }

  @Test
  void theRulesCatchAWorkflowThatReadsTheClock() {
    JavaClasses offender = new ClassFileImporter().importClasses(ClockReadingWorkflowImpl.class);

    assertThatThrownBy(() -> deterministic(WORKFLOW_IMPLEMENTATIONS).check(offender))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Instant.now()")
        .hasMessageContaining("UUID")
        .hasMessageContaining("Thread.sleep(long)");
  }

  /** A workflow written the wrong way, to show the rules are not vacuous. */
  static class ClockReadingWorkflowImpl {
    String run() throws InterruptedException {
      Thread.sleep(10);
      return Instant.now() + "/" + UUID.randomUUID();
    }
  }
}
