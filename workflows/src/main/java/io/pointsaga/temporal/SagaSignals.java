package io.pointsaga.temporal;

/** Names of the signals the starter sends to running sagas, shared by senders and receivers. */
public final class SagaSignals {
  /**
   * The shop uninstalled PointSaga (SPEC §9): a redeem, cancel or order saga of that shop stops
   * calling the platform and ends its platform step with a note.
   */
  public static final String SHOP_UNINSTALLED = "shopUninstalled";

  private SagaSignals() {}
}
