package io.pointsaga.starter.reconciliation;

import io.pointsaga.reconciliation.ReconciliationRun;
import io.pointsaga.reconciliation.ReconciliationRuns;
import io.pointsaga.shop.Shop;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliation of the shop's orders against the platform (SPEC §10): run one now, list the runs.
 */
@RestController
@RequestMapping("/api/v1/shops/{shop}/reconciliations")
class ReconciliationController {
  private final ReconciliationSagas sagas;
  private final ReconciliationRuns runs;

  ReconciliationController(ReconciliationSagas sagas, ReconciliationRuns runs) {
    this.sagas = sagas;
    this.runs = runs;
  }

  /** Asks the shop's saga for a run now (starting the saga if it does not run). */
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  ReconciliationAsked runNow(Shop shop) {
    return new ReconciliationAsked(sagas.runNow(shop.domain()));
  }

  /** The runs, newest first; a run asked for appears once the saga begins it. */
  @GetMapping
  ReconciliationRunsView list(
      Shop shop,
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be from 1 to 500")
          @Max(value = 500, message = "must be from 1 to 500")
          int limit) {
    return new ReconciliationRunsView(runs.newestFirst(shop.id(), limit));
  }

  record ReconciliationAsked(String reconciliationId) {}

  record ReconciliationRunsView(List<ReconciliationRun> runs) {}
}
