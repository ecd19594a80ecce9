package io.pointsaga.privacy;

/**
 * @param rowsDeleted rows of every table, the shop's own row included
 */
public record ErasureResult(ErasureOutcome outcome, String domain, long rowsDeleted) {}
