package io.pointsaga.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
      return new EmbeddedDatabase(builder.start(), directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL"
              + directory.map(d -> " in " + d).orElse("")
              + ": "
              + e.getMessage(),
          e);
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
