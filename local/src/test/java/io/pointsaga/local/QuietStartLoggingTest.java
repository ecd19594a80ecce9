package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Before Spring Boot configures logging, zonky's initdb output stays off the console. */
class QuietStartLoggingTest {

  @Test
  void logbackFindsItAndItSilencesTheEmbeddedPostgresBelowWarn() {
    assertThat(ServiceLoader.load(Configurator.class))
        .as("registered in META-INF/services, so logback uses it before Spring Boot starts")
        .anyMatch(QuietStartLogging.class::isInstance);

    LoggerContext context = new LoggerContext();
    QuietStartLogging configurator = new QuietStartLogging();
    configurator.setContext(context);
    assertThat(configurator.configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ListAppender<ILoggingEvent> console = new ListAppender<>();
    console.setContext(context);
    console.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);

    Logger zonky = context.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
    zonky.info("The files belonging to this database system will be owned by user \"nobody\".");
    zonky.warn("initdb: warning: something a person should see");
    context.getLogger("io.pointsaga.local.EmbeddedInfrastructure").info("PostgreSQL is up");
    context.getLogger("io.temporal.internal.Something").debug("debug chatter");

    assertThat(console.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("initdb: warning: something a person should see", "PostgreSQL is up");
  }
}
