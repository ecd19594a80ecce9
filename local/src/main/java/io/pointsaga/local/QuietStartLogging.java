package io.pointsaga.local;

import ch.qos.logback.classic.BasicConfigurator;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

/**
 * Logging before Spring Boot configures it (SPEC §12: no {@code initdb} noise at start). The
 * embedded PostgreSQL and Temporal start before the application context, while logback still runs
 * its default configuration: every line of zonky's {@code initdb} and {@code pg_ctl} output at
 * INFO, everything else at DEBUG. Found by logback through {@code META-INF/services}; it configures
 * the console as the default does, with the root at INFO and zonky's loggers at WARN (a start-up
 * that fails still says why: zonky throws with the reason). Spring Boot then replaces this
 * configuration with its own ({@code local.yml} keeps zonky at WARN).
 */
public class QuietStartLogging extends BasicConfigurator {
  static final String ZONKY = "io.zonky.test.db.postgres";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    super.configure(context);
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    context.getLogger(ZONKY).setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
