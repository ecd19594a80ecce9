package io.pointsaga.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers the sagas' custom search attributes on the Temporal server before any worker polls: a
 * workflow that upserts an unknown attribute would fail. One at a time, so "already exists" for one
 * does not hide the others. Temporal Cloud registers them through its own tooling: switch this off
 * there with {@code POINTSAGA_TEMPORAL_REGISTER_SEARCH_ATTRIBUTES=false}.
 */
@Component
public class SearchAttributeRegistration implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private final WorkflowServiceStubs service;
  private final String namespace;
  private final boolean enabled;

  public SearchAttributeRegistration(
      WorkflowServiceStubs service,
      @Value("${spring.temporal.namespace:default}") String namespace,
      @Value("${pointsaga.temporal.register-search-attributes:true}") boolean enabled) {
    this.service = service;
    this.namespace = namespace;
    this.enabled = enabled;
  }

  @Override
  public void afterPropertiesSet() {
    if (!enabled) {
      log.info("search attribute registration is off; make sure {} exist", names());
      return;
    }
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    for (SearchAttributeKey<String> key : PointSagaSearchAttributes.ALL) {
      try {
        operator
            .blockingStub()
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
                    .build());
        log.info("registered search attribute {} in namespace {}", key.getName(), namespace);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw new IllegalStateException(
              "Could not register search attribute %s in namespace %s (%s). Register it with"
                      .formatted(key.getName(), namespace, e.getStatus())
                  + " 'temporal operator search-attribute create --name %s --type Keyword'"
                      .formatted(key.getName())
                  + " or set POINTSAGA_TEMPORAL_REGISTER_SEARCH_ATTRIBUTES=false if they exist.",
              e);
        }
      }
    }
  }

  private static String names() {
    return PointSagaSearchAttributes.ALL.stream()
        .map(SearchAttributeKey::getName)
        .toList()
        .toString();
  }
}
