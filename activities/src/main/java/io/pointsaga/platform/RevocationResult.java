package io.pointsaga.platform;

/** How a revoke ended: both mean the code can no longer be used. */
public enum RevocationResult {
  /** The platform had the code and it is now deactivated or deleted. */
  REVOKED,
  /** The platform no longer knows the code. */
  ALREADY_GONE
}
