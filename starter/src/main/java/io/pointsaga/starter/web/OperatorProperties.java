package io.pointsaga.starter.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param operatorToken {@code pointsaga.operator-token} (env {@code POINTSAGA_OPERATOR_TOKEN}): the
 *     bearer token of the operator, for actuator endpoints other than health and the ledger audit
 *     (SPEC §8-9). Unset or blank: those endpoints answer 403 to everyone.
 */
@ConfigurationProperties("pointsaga")
public record OperatorProperties(String operatorToken) {
  public boolean configured() {
    return operatorToken != null && !operatorToken.isBlank();
  }
}
