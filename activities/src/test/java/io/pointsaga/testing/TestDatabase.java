package io.pointsaga.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL for tests: one embedded server per JVM, a fresh migrated database per caller,
 * so test classes never see each other's rows.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private final String url;
  private final DataSource dataSource;

  private TestDatabase(String url, DataSource dataSource) {
    this.url = url;
    this.dataSource = dataSource;
  }

  /** A new, empty, migrated database. */
  public static synchronized TestDatabase create() {
    EmbeddedPostgres pg = server();
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    String url = pg.getJdbcUrl("postgres", name);
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(url);
    ds.setUsername("postgres");
    ds.setMaximumPoolSize(12);
    Flyway.configure().dataSource(ds).load().migrate();
    return new TestDatabase(url, ds);
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
    }
    return server;
  }

  private static synchronized void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }

  public String url() {
    return url;
  }

  public String username() {
    return "postgres";
  }

  public DataSource dataSource() {
    return dataSource;
  }
}
