package io.pointsaga.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.ledger.InsufficientPointsException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/** One rule for every activity: only what retrying can fix is retried; messages carry no SQL. */
class FailureClassifierTest {
  private static final String SQL = "PreparedStatementCallback; SQL [update customer set x = ?]";

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(
            "deadlock (Spring)",
            new DeadlockLoserDataAccessException(SQL, new SQLException("deadlock", "40P01")),
            FailureKind.DATABASE_BUSY,
            "the database was busy (deadlock); retrying"),
        Arguments.of(
            "deadlock (SQLSTATE only)",
            new UncategorizedSQLException("x", "update", new SQLException("deadlock", "40P01")),
            FailureKind.DATABASE_BUSY,
            "the database was busy (deadlock); retrying"),
        Arguments.of(
            "serialization failure",
            new UncategorizedSQLException("x", "update", new SQLException("could not", "40001")),
            FailureKind.DATABASE_BUSY,
            "the database was busy (serialization failure); retrying"),
        Arguments.of(
            "lock not available",
            new CannotAcquireLockException(SQL),
            FailureKind.DATABASE_BUSY,
            "the database was busy (lock not available); retrying"),
        Arguments.of(
            "statement timeout",
            new UncategorizedSQLException("x", "select", new SQLException("canceled", "57014")),
            FailureKind.TIMED_OUT,
            "the step timed out; retrying"),
        Arguments.of(
            "no connection",
            new CannotGetJdbcConnectionException(SQL, new SQLException("refused", "08001")),
            FailureKind.DATABASE_UNREACHABLE,
            "the database could not be reached; retrying"),
        Arguments.of(
            "socket timeout",
            new IllegalStateException("wrapped", new SocketTimeoutException("read timed out")),
            FailureKind.TIMED_OUT,
            "the step timed out; retrying"),
        Arguments.of(
            "connection refused",
            new ConnectException("Connection refused"),
            FailureKind.CONNECTION_FAILED,
            "a connection failed; retrying"),
        Arguments.of(
            "constraint violation",
            new DataIntegrityViolationException(SQL + "; value too long for type"),
            FailureKind.CONSTRAINT_VIOLATED,
            "the change breaks a rule of the ledger's data; not retrying"),
        Arguments.of(
            "numeric overflow in the database",
            new UncategorizedSQLException("x", "insert", new SQLException("overflow", "22003")),
            FailureKind.OUT_OF_RANGE,
            "a number is out of the range the ledger keeps; not retrying"),
        Arguments.of(
            "arithmetic overflow",
            new ArithmeticException("long overflow"),
            FailureKind.OUT_OF_RANGE,
            "a number is out of the range the ledger keeps; not retrying"),
        Arguments.of(
            "a bug",
            new NullPointerException("Cannot invoke \"String.length()\""),
            FailureKind.UNEXPECTED,
            "the step failed in a way retrying cannot fix; not retrying"),
        Arguments.of(
            "one of ours, written for people",
            new InsufficientPointsException("cust-1", 100, 350),
            FailureKind.REFUSED,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void classifies(String name, Throwable error, FailureKind kind, String message) {
    TemporalFailure failure = FailureClassifier.classify(error);

    assertThat(failure).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure application = (ApplicationFailure) failure;
    assertThat(application.getType()).isEqualTo(kind.type());
    assertThat(application.isNonRetryable()).isEqualTo(!kind.isTransient());
    if (message != null) {
      assertThat(application.getOriginalMessage()).isEqualTo(message);
    } else {
      assertThat(application.getOriginalMessage()).isEqualTo(error.getMessage() + "; not retrying");
    }
    assertThat(application.getOriginalMessage())
        .doesNotContain("SQL", "PreparedStatement", "Exception", "java.");
    assertThat(application.getCause()).as("no driver text travels with it").isNull();
  }

  @Test
  void anApplicationFailurePassesUnchanged() {
    ApplicationFailure platform =
        ApplicationFailure.newFailure("Shopify answered HTTP 503", "PlatformUnavailable");

    assertThat(FailureClassifier.classify(platform)).isSameAs(platform);
  }

  @Test
  void theTypesAreStable() {
    assertThat(FailureKind.DATABASE_BUSY.type()).isEqualTo("PointSaga.DatabaseBusy");
    assertThat(FailureKind.CONSTRAINT_VIOLATED.type()).isEqualTo("PointSaga.ConstraintViolated");
    assertThat(Stream.of(FailureKind.values()).filter(FailureKind::isTransient))
        .containsExactlyInAnyOrder(
            FailureKind.DATABASE_BUSY,
            FailureKind.DATABASE_UNREACHABLE,
            FailureKind.TIMED_OUT,
            FailureKind.CONNECTION_FAILED);
  }
}
