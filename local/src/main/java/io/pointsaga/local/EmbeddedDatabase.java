package io.pointsaga.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17. With a data folder it is durable: the data stays there across
 * restarts (never wiped), every commit waits for its WAL flush ({@code synchronous_commit=on}; the
 * library's default is off, which can lose the last acknowledged commits in a crash), and a server
 * left running by a killed earlier start is stopped first. Without one it is a throwaway database
 * with the library's fast defaults (tests).
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final Optional<Path> directory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Optional<Path> directory) {
    this.postgres = postgres;
    this.directory = directory;
  }

  static EmbeddedDatabase start(Optional<Path> dataDirectory) {
    Optional<Path> directory = dataDirectory.map(d -> d.resolve("postgres"));
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (directory.isPresent()) {
        Path pgData = directory.get();
        Files.createDirectories(pgData);
        stopOrphan(pgData);
        builder
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("full_page_writes", "on");
      }
      Set<Thread> hooksBefore = LibraryShutdownHook.registered();
      EmbeddedPostgres postgres = builder.start();
      if (directory.isPresent()) {
        LibraryShutdownHook.removeAllBut(hooksBefore);
      }
      return new EmbeddedDatabase(postgres, directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL"
              + directory.map(d -> " in " + d).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The library registers a JVM shutdown hook that stops PostgreSQL at once, in parallel with every
   * other hook: the app would lose its database while its workers still finish their tasks. The
   * embedded mode stops PostgreSQL itself, last ({@link LocalApplication}), so that hook is taken
   * out. Needs {@code java.lang} open to this code (the jar's manifest says {@code Add-Opens});
   * without it the library's hook stays, and the log says so.
   */
  static final class LibraryShutdownHook {
    private static final String NAME = "postgres-.*-closer";

    /** The library's hooks registered now (empty when they cannot be read). */
    static Set<Thread> registered() {
      try {
        Class<?> registry = Class.forName("java.lang.ApplicationShutdownHooks");
        Field field = registry.getDeclaredField("hooks");
        field.setAccessible(true);
        synchronized (registry) {
          return ((Map<?, ?>) field.get(null))
              .keySet().stream()
                  .map(Thread.class::cast)
                  .filter(hook -> hook.getName().matches(NAME))
                  .collect(Collectors.toSet());
        }
      } catch (ReflectiveOperationException | RuntimeException notOpen) {
        return Set.of();
      }
    }

    /** Takes out the library's hooks registered since {@code before}: those of the new server. */
    static void removeAllBut(Set<Thread> before) {
      Set<Thread> added = new HashSet<>(registered());
      added.removeAll(before);
      if (added.isEmpty()) {
        log.info(
            "PostgreSQL may stop before the app at shutdown: the library's own shutdown hook stays"
                + " (run with --add-opens java.base/java.lang=ALL-UNNAMED to stop it last)");
        return;
      }
      added.forEach(hook -> Runtime.getRuntime().removeShutdownHook(hook));
    }
  }

  /** PostgreSQL's own lock file names the postmaster of this data folder, if one still runs. */
  static void stopOrphan(Path pgData) {
    OrphanedServer.find(
            "PostgreSQL of " + pgData, pgData.resolve("postmaster.pid"), pgData.toString())
        .ifPresent(OrphanedServer::stop);
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** Where the data is kept; empty for a throwaway database. */
  Optional<Path> directory() {
    return directory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("the embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
