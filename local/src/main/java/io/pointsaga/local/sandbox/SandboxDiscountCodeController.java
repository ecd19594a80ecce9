package io.pointsaga.local.sandbox;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox controls of SPEC §7 over a shop's discount codes: see a code's state, use it as a
 * checkout would, make the platform forget it. Codes are matched regardless of case.
 */
@RestController
@RequestMapping("/sandbox/shops/{shop}/discount-codes")
class SandboxDiscountCodeController {

  private final SimulatedPlatform platform;

  SandboxDiscountCodeController(SimulatedPlatform platform) {
    this.platform = platform;
  }

  @GetMapping
  List<SimulatedDiscountCode> list(@PathVariable("shop") String shopDomain) {
    return platform.shop(shopDomain).discountCodes();
  }

  @GetMapping("/{code}")
  SimulatedDiscountCode get(
      @PathVariable("shop") String shopDomain, @PathVariable("code") String code) {
    return platform
        .shop(shopDomain)
        .findByCode(code)
        .orElseThrow(() -> new UnknownDiscountCodeException(shopDomain, code));
  }

  /** Counts one use; 409 when the code is deactivated or deleted, as a checkout would refuse it. */
  @PostMapping("/{code}/use")
  SimulatedDiscountCode use(
      @PathVariable("shop") String shopDomain, @PathVariable("code") String code) {
    return platform.shop(shopDomain).recordUse(code);
  }

  /** Forgets the code: lookups answer null and it may be created again. */
  @DeleteMapping("/{code}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void forget(@PathVariable("shop") String shopDomain, @PathVariable("code") String code) {
    platform.shop(shopDomain).forget(code);
  }
}
