package io.pointsaga.platform;

/**
 * A shop could not be connected: its credentials were rejected, the platform could not be reached,
 * or it refused a request. The message names the shop and the operation, never a secret.
 */
public class ShopConnectionException extends RuntimeException {

  public enum Problem {
    /** 401/403: the access token is wrong or may not do what the product needs. */
    CREDENTIALS_REJECTED,
    /** Timeout, connection refused, 5xx or throttling: trying again later may work. */
    UNAVAILABLE,
    /** Any other refusal or an answer the product does not understand. */
    REFUSED
  }

  private final Problem problem;

  ShopConnectionException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
