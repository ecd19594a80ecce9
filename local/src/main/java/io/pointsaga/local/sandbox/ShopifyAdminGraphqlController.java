package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Shopify's Admin GraphQL endpoint on the simulated platform, as the real Shopify adapter calls it:
 * the shop's access token is checked, then the next fault queued for the operation (if any) fails
 * the call before the operation runs.
 *
 * <p>Answers are {@link DeferredResult}s so that a TIMEOUT fault holds no request thread while it
 * keeps the client waiting; every other answer is complete when the method returns.
 */
@RestController
class ShopifyAdminGraphqlController {

  static final String ACCESS_TOKEN_HEADER = "X-Shopify-Access-Token";

  private static final Logger log = LoggerFactory.getLogger(ShopifyAdminGraphqlController.class);

  private final SimulatedPlatform platform;
  private final ObjectMapper objectMapper;
  private final ShopifyGraphqlExecutor executor;
  private final Duration timeoutFaultDelay;

  ShopifyAdminGraphqlController(
      SimulatedPlatform platform,
      ObjectMapper objectMapper,
      @Value("${pointsaga.sandbox.timeout-fault-delay:PT5S}") Duration timeoutFaultDelay) {
    if (timeoutFaultDelay.isNegative()) {
      throw new IllegalArgumentException(
          "pointsaga.sandbox.timeout-fault-delay must not be negative");
    }
    this.platform = platform;
    this.objectMapper = objectMapper;
    this.executor = new ShopifyGraphqlExecutor(platform);
    this.timeoutFaultDelay = timeoutFaultDelay;
  }

  @PostMapping("/sandbox/shops/{shop}/admin/api/{version}/graphql.json")
  DeferredResult<ResponseEntity<JsonNode>> graphql(
      @PathVariable("shop") String shopDomain,
      @RequestHeader(name = ACCESS_TOKEN_HEADER, required = false) String accessToken,
      @RequestBody(required = false) String body,
      HttpServletResponse servletResponse)
      throws IOException {
    SimulatedShop shop = platform.shop(shopDomain);
    if (!shop.acceptsAccessToken(accessToken)) {
      return DeferredAnswers.now(ShopifyReplies.invalidAccessToken());
    }
    GraphqlRequest request = GraphqlRequest.parse(objectMapper, body);
    Optional<GraphqlRootField> rootField = GraphqlRootField.findIn(request.query());
    if (rootField.isEmpty()) {
      return DeferredAnswers.now(
          ShopifyReplies.ok(
              ShopifyResponseBodies.undefinedField(
                  GraphqlRootField.firstSelectionIn(request.query()),
                  GraphqlRootField.rootTypeOf(request.query()))));
    }
    Optional<PendingFault> fault = shop.receiveCall(rootField.get().operation());
    if (fault.isPresent()) {
      log.info(
          "Simulated platform: injected {} fails {} ({}) of shop {}",
          fault.get().kind(),
          fault.get().operation().wireName(),
          rootField.get().fieldName(),
          shop.domain());
      return failWith(fault.get(), servletResponse);
    }
    return DeferredAnswers.now(
        ShopifyReplies.ok(executor.execute(rootField.get(), shop, request.variables())));
  }

  /**
   * The fault's answer; null once RESET has cut the connection, as there is nothing left to send.
   */
  private DeferredResult<ResponseEntity<JsonNode>> failWith(
      PendingFault fault, HttpServletResponse servletResponse) throws IOException {
    return switch (fault.kind()) {
      case HTTP_500 -> DeferredAnswers.now(ShopifyReplies.internalServerError());
      case HTTP_429 ->
          DeferredAnswers.now(ShopifyReplies.tooManyRequests(fault.retryAfterSeconds()));
      case THROTTLED -> DeferredAnswers.now(ShopifyReplies.throttled());
      case TIMEOUT -> DeferredAnswers.after(timeoutFaultDelay, ShopifyReplies.gatewayTimeout());
      case RESET -> DeferredAnswers.reset(servletResponse);
    };
  }
}
