package io.pointsaga.order;

/**
 * The order saga with a history limit of {@value #LIMIT} events instead of {@link
 * OrderWorkflowImpl#HISTORY_LIMIT}: continue-as-new is reached in a few events. Public for {@code
 * HistoryReplayTest}, which replays the histories recorded with it.
 */
public class OrderWorkflowWithShortHistory extends OrderWorkflowImpl {
  public static final int LIMIT = 25;

  @Override
  int historyLimit() {
    return LIMIT;
  }
}
