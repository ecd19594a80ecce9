package io.pointsaga.local.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many calls of each operation the shop's API received and how many an injected fault failed:
 * {@code {"createDiscountCode": {"received": 2, "failed": 1}, ...}}.
 */
@RestController
class SandboxCallCountController {

  private final SimulatedPlatform platform;

  SandboxCallCountController(SimulatedPlatform platform) {
    this.platform = platform;
  }

  @GetMapping("/sandbox/shops/{shop}/calls")
  Map<String, CallCount> calls(@PathVariable("shop") String shopDomain) {
    Map<String, CallCount> byOperationName = new LinkedHashMap<>();
    platform
        .shop(shopDomain)
        .callCounts()
        .forEach((operation, count) -> byOperationName.put(operation.wireName(), count));
    return byOperationName;
  }
}
