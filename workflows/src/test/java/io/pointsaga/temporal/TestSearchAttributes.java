package io.pointsaga.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;

/** Registers the sagas' search attributes on a test server, as the worker does on a real one. */
public final class TestSearchAttributes {
  private TestSearchAttributes() {}

  public static TestWorkflowEnvironment registerOn(TestWorkflowEnvironment testEnv) {
    PointSagaSearchAttributes.ALL.forEach(
        key ->
            testEnv.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return testEnv;
  }
}
