package io.pointsaga.temporal;

/** Task queue names, shared by the worker (polls) and the starter (starts workflows). */
public final class TaskQueues {
  /** Every saga and its activities run on this queue. */
  public static final String SAGAS = "pointsaga-sagas";

  private TaskQueues() {}
}
