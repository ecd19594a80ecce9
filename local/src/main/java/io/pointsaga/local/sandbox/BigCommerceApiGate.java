package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * What every call of a simulated BigCommerce store's API goes through, in this order: the store
 * (unknown: 404 from the sandbox; a Shopify shop: BigCommerce's 404), its {@code X-Auth-Token}
 * (wrong or missing: 401), then the next fault queued for the call's operation, if any, which fails
 * the call before it runs (its answers are BigCommerce's: 500, 429 with {@code
 * X-Rate-Limit-Time-Reset-Ms}, 504 after {@code pointsaga.sandbox.timeout-fault-delay}, a cut
 * connection).
 */
@Component
class BigCommerceApiGate {

  static final String AUTH_HEADER = "X-Auth-Token";

  private static final Logger log = LoggerFactory.getLogger(BigCommerceApiGate.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SimulatedPlatform platform;
  private final ObjectMapper objectMapper;
  private final Duration timeoutFaultDelay;

  BigCommerceApiGate(
      SimulatedPlatform platform,
      ObjectMapper objectMapper,
      @Value("${pointsaga.sandbox.timeout-fault-delay:PT5S}") Duration timeoutFaultDelay) {
    this.platform = platform;
    this.objectMapper = objectMapper;
    this.timeoutFaultDelay = timeoutFaultDelay;
  }

  /**
   * Runs {@code work} on the store once it passed the gate; {@code operation} null: a call that is
   * neither counted nor faulted.
   */
  DeferredResult<ResponseEntity<JsonNode>> call(
      String domain,
      String token,
      PlatformOperation operation,
      HttpServletResponse response,
      Function<SimulatedShop, ResponseEntity<JsonNode>> work)
      throws IOException {
    SimulatedShop shop = platform.shop(domain);
    if (shop.platformKind() != SandboxPlatformKind.BIGCOMMERCE) {
      return DeferredAnswers.now(
          BigCommerceReplies.v3Error(
              HttpStatus.NOT_FOUND, "Shop " + domain + " is not a BigCommerce store"));
    }
    if (!shop.acceptsAccessToken(token)) {
      return DeferredAnswers.now(BigCommerceReplies.unauthorized());
    }
    if (operation != null) {
      Optional<PendingFault> fault = shop.receiveCall(operation);
      if (fault.isPresent()) {
        log.info(
            "Simulated platform: injected {} fails {} of BigCommerce store {}",
            fault.get().kind(),
            operation.wireName(),
            shop.domain());
        return failWith(fault.get(), response);
      }
    }
    return DeferredAnswers.now(work.apply(shop));
  }

  private DeferredResult<ResponseEntity<JsonNode>> failWith(
      PendingFault fault, HttpServletResponse response) throws IOException {
    return switch (fault.kind()) {
      case HTTP_500 -> DeferredAnswers.now(BigCommerceReplies.internalServerError());
      // BigCommerce has one rate limit: THROTTLED looks the same as HTTP_429 there.
      case HTTP_429, THROTTLED ->
          DeferredAnswers.now(
              BigCommerceReplies.tooManyRequests(
                  fault.retryAfterSeconds() == null
                      ? FaultInjectionRequest.DEFAULT_RETRY_AFTER_SECONDS
                      : fault.retryAfterSeconds()));
      case TIMEOUT -> DeferredAnswers.after(timeoutFaultDelay, BigCommerceReplies.gatewayTimeout());
      case RESET -> DeferredAnswers.reset(response);
    };
  }

  /** The request body as a JSON object; none: an empty one; anything else: 400. */
  JsonNode readObject(String body) {
    if (body == null || body.isBlank()) {
      return JSON.objectNode();
    }
    try {
      JsonNode node = objectMapper.readTree(body);
      if (!node.isObject()) {
        throw InvalidSandboxRequestException.invalidRequest(
            "The request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw InvalidSandboxRequestException.malformedJson(e.getOriginalMessage());
    }
  }
}
