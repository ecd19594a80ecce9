package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.BigCommerceApiGate.AUTH_HEADER;
import static io.pointsaga.local.sandbox.BigCommerceQuery.DEFAULT_LIMIT;
import static io.pointsaga.local.sandbox.BigCommerceQuery.MAX_LIMIT;
import static io.pointsaga.local.sandbox.BigCommerceQuery.numericId;
import static io.pointsaga.local.sandbox.BigCommerceQuery.positive;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A simulated BigCommerce store's information ({@code GET /v2/store}, how an install checks its
 * token) and hooks ({@code /v3/hooks}, paged with BigCommerce's meta; {@code PUT} reactivates a
 * hook the store deactivated).
 */
@RestController
@RequestMapping("/sandbox/shops/{shop}")
class BigCommerceHooksController {

  /** The scopes the simulated stores accept for hooks. */
  static final Set<String> HOOK_SCOPES =
      Set.of(
          "store/order/*",
          "store/order/created",
          "store/order/updated",
          "store/order/statusUpdated",
          "store/order/refund/created",
          "store/order/archived",
          "store/app/uninstalled");

  /** Headers a hook may not set: the HTTP client sets them itself. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("content-type", "content-length", "host", "connection", "expect", "upgrade");

  private final SimulatedPlatform platform;
  private final BigCommerceApiGate gate;

  BigCommerceHooksController(SimulatedPlatform platform, BigCommerceApiGate gate) {
    this.platform = platform;
    this.gate = gate;
  }

  // ---- store -----------------------------------------------------------------------------------

  @GetMapping("/v2/store")
  DeferredResult<ResponseEntity<JsonNode>> store(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        PlatformOperation.READ_SHOP,
        response,
        shop -> BigCommerceReplies.ok(BigCommerceResources.store(shop)));
  }

  // ---- hooks -----------------------------------------------------------------------------------

  @GetMapping("/v3/hooks")
  DeferredResult<ResponseEntity<JsonNode>> hooks(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "limit", required = false) String limit,
      HttpServletResponse response)
      throws IOException {
    int pageNumber = positive("page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    return gate.call(
        domain,
        token,
        PlatformOperation.LIST_WEBHOOK_SUBSCRIPTIONS,
        response,
        shop ->
            BigCommerceReplies.ok(
                BigCommerceResources.page(
                    shop.hooks().stream().map(h -> BigCommerceResources.hook(shop, h)).toList(),
                    pageNumber,
                    pageSize)));
  }

  @PostMapping("/v3/hooks")
  DeferredResult<ResponseEntity<JsonNode>> createHook(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        PlatformOperation.CREATE_WEBHOOK_SUBSCRIPTION,
        response,
        shop -> createHook(shop, gate.readObject(body)));
  }

  private ResponseEntity<JsonNode> createHook(SimulatedShop shop, JsonNode hook) {
    String scope = hook.path("scope").textValue();
    if (scope == null || !HOOK_SCOPES.contains(scope)) {
      return BigCommerceReplies.unprocessable(
          "scope",
          "scope must be one of " + String.join(", ", HOOK_SCOPES.stream().sorted().toList()));
    }
    String destination = hook.path("destination").textValue();
    if (!isHttpAddress(destination)) {
      return BigCommerceReplies.unprocessable(
          "destination", "destination must be an http(s) address");
    }
    Optional<Map<String, String>> headers = headers(hook.path("headers"));
    if (headers.isEmpty()) {
      return BigCommerceReplies.unprocessable(
          "headers", "headers must be an object of string values, without HTTP's own headers");
    }
    boolean active = !hook.has("is_active") || hook.path("is_active").asBoolean(true);
    Optional<SimulatedHook> created =
        shop.addHook(
            scope,
            destination,
            headers.get(),
            active,
            platform::nextHookId,
            platform.nowForResources());
    return created
        .map(
            h ->
                BigCommerceReplies.ok(BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
        .orElseGet(
            () ->
                BigCommerceReplies.unprocessable(
                    "destination", "a hook for this scope and destination exists already"));
  }

  @GetMapping("/v3/hooks/{id}")
  DeferredResult<ResponseEntity<JsonNode>> hook(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        null,
        response,
        shop ->
            numericId(id)
                .flatMap(shop::hook)
                .map(
                    h ->
                        BigCommerceReplies.ok(
                            BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
                .orElseGet(BigCommerceHooksController::hookNotFound));
  }

  /** Changes what the body names: {@code is_active} (how a deactivated hook comes back), ... */
  @PutMapping("/v3/hooks/{id}")
  DeferredResult<ResponseEntity<JsonNode>> updateHook(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain, token, null, response, shop -> updateHook(shop, id, gate.readObject(body)));
  }

  private ResponseEntity<JsonNode> updateHook(SimulatedShop shop, String id, JsonNode change) {
    Optional<SimulatedHook> current = numericId(id).flatMap(shop::hook);
    if (current.isEmpty()) {
      return hookNotFound();
    }
    String scope = change.has("scope") ? change.path("scope").textValue() : current.get().scope();
    if (scope == null || !HOOK_SCOPES.contains(scope)) {
      return BigCommerceReplies.unprocessable("scope", "scope is not a known webhook scope");
    }
    String destination =
        change.has("destination")
            ? change.path("destination").textValue()
            : current.get().destination();
    if (!isHttpAddress(destination)) {
      return BigCommerceReplies.unprocessable(
          "destination", "destination must be an http(s) address");
    }
    Optional<Map<String, String>> headers =
        change.has("headers")
            ? headers(change.path("headers"))
            : Optional.of(current.get().headers());
    if (headers.isEmpty()) {
      return BigCommerceReplies.unprocessable(
          "headers", "headers must be an object of string values, without HTTP's own headers");
    }
    boolean active =
        change.has("is_active") ? change.path("is_active").asBoolean() : current.get().active();
    Instant now = platform.nowForResources();
    return shop.changeHook(
            current.get().id(), h -> h.changed(scope, destination, headers.get(), active, now))
        .map(
            h ->
                BigCommerceReplies.ok(BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
        .orElseGet(BigCommerceHooksController::hookNotFound);
  }

  @DeleteMapping("/v3/hooks/{id}")
  DeferredResult<ResponseEntity<JsonNode>> deleteHook(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        null,
        response,
        shop ->
            numericId(id)
                .flatMap(shop::removeHook)
                .map(
                    h ->
                        BigCommerceReplies.ok(
                            BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
                .orElseGet(BigCommerceHooksController::hookNotFound));
  }

  private static Optional<Map<String, String>> headers(JsonNode headers) {
    if (headers.isMissingNode() || headers.isNull()) {
      return Optional.of(Map.of());
    }
    if (!headers.isObject()) {
      return Optional.empty();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      String name = header.getKey();
      if (!header.getValue().isTextual()
          || !name.matches("^[A-Za-z0-9-]{1,100}$")
          || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      result.put(name, header.getValue().textValue());
    }
    return Optional.of(result);
  }

  private static boolean isHttpAddress(String address) {
    return address != null && address.matches("^https?://[^\\s/?#]+(/[^\\s]*)?$");
  }

  private static ResponseEntity<JsonNode> hookNotFound() {
    return BigCommerceReplies.v3Error(HttpStatus.NOT_FOUND, "Hook not found");
  }
}
