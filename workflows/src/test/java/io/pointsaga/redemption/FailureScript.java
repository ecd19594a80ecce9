package io.pointsaga.redemption;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a fake activity throws on successive calls: first the queued failures one per call, then (if
 * set) a failure on every call, else nothing.
 */
final class FailureScript {
  private final Deque<RuntimeException> queued = new ArrayDeque<>();
  private Supplier<? extends RuntimeException> always;

  synchronized FailureScript failNext(RuntimeException... failures) {
    queued.addAll(List.of(failures));
    return this;
  }

  synchronized FailureScript failAlways(Supplier<? extends RuntimeException> failure) {
    always = failure;
    return this;
  }

  synchronized void apply() {
    RuntimeException next = queued.poll();
    if (next != null) {
      throw next;
    }
    if (always != null) {
      throw always.get();
    }
  }
}
