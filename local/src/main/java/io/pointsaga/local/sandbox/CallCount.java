package io.pointsaga.local.sandbox;

/**
 * How many calls of one operation reached the platform, and how many of them an injected fault
 * failed.
 */
record CallCount(long received, long failed) {

  static final CallCount NONE = new CallCount(0, 0);

  CallCount plusReceived(boolean failedByFault) {
    return new CallCount(received + 1, failedByFault ? failed + 1 : failed);
  }
}
