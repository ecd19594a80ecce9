package io.pointsaga.failure;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * One rule for every activity: which failures are worth retrying. Transient: a busy database
 * (deadlock, serialization failure, lock or statement timeout), a lost or refused connection, a
 * timeout. Everything else (constraint or range violation, unknown shop or order, invalid data, a
 * bug) cannot be fixed by retrying. {@link ApplicationFailure}s are already classified by the code
 * that threw them (the platform adapters: 5xx and 429 retry, 4xx do not) and pass unchanged.
 *
 * <p>Messages are short and in business words: never SQL, driver text or class names. Our own
 * exceptions ({@code io.pointsaga.*}, e.g. a ledger limit) are written for people and keep their
 * message.
 */
public final class FailureClassifier {
  private static final int MAX_CAUSES = 20;

  private FailureClassifier() {}

  /** The failure to report for {@code error}: the same failure when already classified. */
  public static TemporalFailure classify(Throwable error) {
    if (error instanceof TemporalFailure failure) {
      return failure;
    }
    FailureKind kind = kindOf(error);
    String detail = kind == FailureKind.DATABASE_BUSY ? busyDetail(error) : ownMessage(error);
    ApplicationFailure failure =
        ApplicationFailure.newBuilder()
            .setType(kind.type())
            .setMessage(kind.message(detail))
            .setNonRetryable(!kind.isTransient())
            .build();
    failure.setStackTrace(new StackTraceElement[0]);
    return failure;
  }

  /** The kind of failure {@code error} is; transient ones are retried. */
  public static FailureKind kindOf(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
      FailureKind kind = direct(t);
      if (kind != null) {
        return kind;
      }
    }
    if (ownMessage(error) != null) {
      return FailureKind.REFUSED;
    }
    return FailureKind.UNEXPECTED;
  }

  private static FailureKind direct(Throwable t) {
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      FailureKind bySqlState = bySqlState(sql.getSQLState());
      if (bySqlState != null) {
        return bySqlState;
      }
    }
    if (t instanceof PessimisticLockingFailureException) {
      return FailureKind.DATABASE_BUSY;
    }
    if (t instanceof QueryTimeoutException) {
      return FailureKind.TIMED_OUT;
    }
    if (t instanceof DataAccessResourceFailureException
        || t instanceof CannotCreateTransactionException
        || t instanceof SQLTransientConnectionException
        || t instanceof SQLRecoverableException) {
      return FailureKind.DATABASE_UNREACHABLE;
    }
    if (t instanceof TransientDataAccessException
        || t instanceof RecoverableDataAccessException
        || t instanceof SQLTransientException) {
      return FailureKind.DATABASE_BUSY;
    }
    if (t instanceof DataIntegrityViolationException) {
      return FailureKind.CONSTRAINT_VIOLATED;
    }
    if (t instanceof SocketTimeoutException
        || t instanceof HttpTimeoutException
        || t instanceof TimeoutException) {
      return FailureKind.TIMED_OUT;
    }
    if (t instanceof ConnectException || t instanceof IOException) {
      return FailureKind.CONNECTION_FAILED;
    }
    if (t instanceof ArithmeticException || t instanceof NumberFormatException) {
      return FailureKind.OUT_OF_RANGE;
    }
    return null;
  }

  /**
   * PostgreSQL's SQLSTATE classes: 08 connection, 40 rollback, 53 resources, 57 operator, 22, 23.
   */
  private static FailureKind bySqlState(String state) {
    return switch (state) {
      case "40001", "40P01", "55P03" -> FailureKind.DATABASE_BUSY;
      case "57014" -> FailureKind.TIMED_OUT;
      case "57P01", "57P02", "57P03" -> FailureKind.DATABASE_UNREACHABLE;
      default -> {
        if (state.startsWith("08")) {
          yield FailureKind.DATABASE_UNREACHABLE;
        }
        if (state.startsWith("53")) {
          yield FailureKind.DATABASE_BUSY;
        }
        if (state.startsWith("23")) {
          yield FailureKind.CONSTRAINT_VIOLATED;
        }
        if (state.startsWith("22")) {
          yield FailureKind.OUT_OF_RANGE;
        }
        yield null;
      }
    };
  }

  private static String busyDetail(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return switch (sql.getSQLState()) {
          case "40P01" -> "deadlock";
          case "40001" -> "serialization failure";
          case "55P03" -> "lock not available";
          default -> "too busy";
        };
      }
      if (t instanceof org.springframework.dao.CannotAcquireLockException) {
        return "lock not available";
      }
      if (t instanceof PessimisticLockingFailureException) {
        return "deadlock";
      }
    }
    return "too busy";
  }

  /**
   * The message of an exception of ours, written for people; null for library exceptions, whose
   * messages may carry SQL or driver details.
   */
  private static String ownMessage(Throwable error) {
    if (error != null
        && error.getClass().getName().startsWith("io.pointsaga.")
        && error.getMessage() != null
        && !error.getMessage().isBlank()) {
      String message = error.getMessage().strip();
      return message.length() <= 300 ? message : message.substring(0, 300) + "...";
    }
    return null;
  }
}
