package io.pointsaga.redemption;

import java.util.ArrayList;
import java.util.List;

/** The activity calls both fakes received, in the order they arrived (thread-safe). */
final class CallLog {
  private final List<String> calls = new ArrayList<>();

  synchronized void add(String call) {
    calls.add(call);
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** How many calls were made to the activity method {@code name}, whatever their arguments. */
  synchronized long count(String name) {
    return calls.stream().filter(call -> call.equals(name) || call.startsWith(name + "(")).count();
  }

  /** The calls with consecutive repeats (retries) folded into one: the saga's steps in order. */
  synchronized List<String> steps() {
    List<String> steps = new ArrayList<>();
    for (String call : calls) {
      if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(call)) {
        steps.add(call);
      }
    }
    return steps;
  }
}
