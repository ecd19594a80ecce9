package io.pointsaga.failure;

/**
 * Why an activity step failed, in the terms an operator acts on. The transient kinds are retried by
 * the activity's retry policy; the others end the step at once (retrying cannot fix them). Each
 * kind's {@link #type()} is the stable Temporal failure type.
 */
public enum FailureKind {
  DATABASE_BUSY(true, "the database was busy (%s); retrying"),
  DATABASE_UNREACHABLE(true, "the database could not be reached; retrying"),
  TIMED_OUT(true, "the step timed out; retrying"),
  CONNECTION_FAILED(true, "a connection failed; retrying"),
  CONSTRAINT_VIOLATED(false, "the change breaks a rule of the ledger's data; not retrying"),
  OUT_OF_RANGE(false, "a number is out of the range the ledger keeps; not retrying"),
  INVALID_DATA(false, "the data of the event is not valid; not retrying"),
  REFUSED(false, "%s; not retrying"),
  UNEXPECTED(false, "the step failed in a way retrying cannot fix; not retrying");

  private final boolean transient_;
  private final String message;

  FailureKind(boolean transient_, String message) {
    this.transient_ = transient_;
    this.message = message;
  }

  /** Retrying may succeed. */
  public boolean isTransient() {
    return transient_;
  }

  /** The stable failure type that workflows, tests and operators match on. */
  public String type() {
    StringBuilder camel = new StringBuilder("PointSaga.");
    for (String word : name().split("_")) {
      camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return camel.toString();
  }

  /** The short business message, with {@code detail} where the kind has a place for it. */
  public String message(String detail) {
    return message.contains("%s") ? message.formatted(detail) : message;
  }
}
