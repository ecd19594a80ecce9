package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable database of the embedded mode: its settings, and data kept across restarts. */
class EmbeddedDatabaseTest {
  @TempDir Path data;

  @Test
  void commitsWaitForTheirFlushAndTheDataStaysAcrossRestarts() throws Exception {
    try (EmbeddedDatabase first = EmbeddedDatabase.start(Optional.of(data))) {
      assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
      assertThat(setting(first, "fsync")).as("the library passes -F (fsync off)").isEqualTo("on");
      execute(first, "create table kept (id int); insert into kept values (42)");
    }

    try (EmbeddedDatabase second = EmbeddedDatabase.start(Optional.of(data))) {
      assertThat(setting(second, "select id from kept")).as("not wiped").isEqualTo("42");
    }
  }

  @Test
  void aThrowawayDatabaseKeepsTheLibrarysFastDefaults() throws Exception {
    try (EmbeddedDatabase throwaway = EmbeddedDatabase.start(Optional.empty())) {
      assertThat(throwaway.directory()).isEmpty();
      assertThat(setting(throwaway, "synchronous_commit")).isEqualTo("off");
    }
  }

  private static String setting(EmbeddedDatabase database, String nameOrQuery) throws Exception {
    String sql = nameOrQuery.startsWith("select") ? nameOrQuery : "show " + nameOrQuery;
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(EmbeddedDatabase database, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
