package io.pointsaga.local.sandbox;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Queues failures for the next calls of a platform operation (SPEC §7), lists and clears them. */
@RestController
@RequestMapping("/sandbox/shops/{shop}/faults")
class SandboxFaultController {

  private final SimulatedPlatform platform;

  SandboxFaultController(SimulatedPlatform platform) {
    this.platform = platform;
  }

  /**
   * Answers the shop's pending faults, grouped by operation, each group in the order calls meet
   * them.
   */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  List<PendingFault> inject(
      @PathVariable("shop") String shopDomain, @RequestBody FaultInjectionRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    FaultInjectionRequest.ValidFaultInjection injection = request.validated();
    return shop.addFaults(injection.fault(), injection.failures());
  }

  @GetMapping
  List<PendingFault> pending(@PathVariable("shop") String shopDomain) {
    return platform.shop(shopDomain).pendingFaults();
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void clear(@PathVariable("shop") String shopDomain) {
    platform.shop(shopDomain).clearFaults();
  }
}
