package io.pointsaga.starter.web;

import io.pointsaga.ledger.LedgerAudit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's check of the whole ledger (operator token, see {@link OperatorAuthentication}):
 * every customer's cached balance against the sum and the chain of their entries. The CI fuzzing
 * stage calls it after the fuzzer: any mismatch fails the build.
 */
@RestController
class LedgerAuditController {
  private final LedgerAudit audit;

  LedgerAuditController(LedgerAudit audit) {
    this.audit = audit;
  }

  @GetMapping(OperatorAuthentication.OPERATOR_API + "/audit")
  @Operation(
      summary = "Check every customer's balance against their entries (operator token)",
      security = @SecurityRequirement(name = OpenApiConfiguration.OPERATOR_TOKEN))
  LedgerAudit.AuditReport audit() {
    return audit.run();
  }
}
