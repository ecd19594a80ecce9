package io.pointsaga.local.sandbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One shop of the simulated platform: its discount codes, pending faults and call counters, and for
 * a BigCommerce store its hooks and order statuses. Every method is synchronized on the shop, so
 * each call sees and leaves a consistent state.
 */
final class SimulatedShop {

  private final String domain;
  private final SandboxPlatformKind platformKind;
  private volatile String accessToken;
  private volatile String webhookSecret;

  /**
   * Keyed by the lower-cased code: codes are unique per shop regardless of case, like Shopify's.
   */
  private final Map<String, SimulatedDiscountCode> codesByKey = new LinkedHashMap<>();

  private final Map<String, String> keysByPlatformId = new HashMap<>();

  /** In creation order, as Shopify lists them. */
  private final List<SimulatedWebhookSubscription> webhookSubscriptions = new ArrayList<>();

  private final Map<Long, SimulatedOrder> ordersById = new LinkedHashMap<>();

  /** BigCommerce stores: hooks in creation order, and each order's status and last change. */
  private final List<SimulatedHook> hooks = new ArrayList<>();

  private final Map<Long, BigCommerceOrderState> bigCommerceOrders = new HashMap<>();

  static final int DELIVERY_RECORDS_KEPT = 1000;

  private final Deque<WebhookDeliveryRecord> deliveries = new ArrayDeque<>();

  private WebhookDeliveryPolicy deliveryPolicy = WebhookDeliveryPolicy.ONCE;
  private Random deliveryDraws = new Random(WebhookDeliveryPolicy.ONCE.seed());

  private final Map<PlatformOperation, Deque<PendingFault>> pendingFaults =
      new EnumMap<>(PlatformOperation.class);
  private final Map<PlatformOperation, CallCount> callCounts =
      new EnumMap<>(PlatformOperation.class);

  SimulatedShop(String domain, String accessToken, String webhookSecret) {
    this(domain, SandboxPlatformKind.SHOPIFY, accessToken, webhookSecret);
  }

  SimulatedShop(
      String domain, SandboxPlatformKind platformKind, String accessToken, String webhookSecret) {
    this.domain = domain;
    this.platformKind = platformKind;
    this.accessToken = accessToken;
    this.webhookSecret = webhookSecret;
    for (PlatformOperation operation : PlatformOperation.values()) {
      pendingFaults.put(operation, new ArrayDeque<>());
      callCounts.put(operation, CallCount.NONE);
    }
  }

  String domain() {
    return domain;
  }

  SandboxPlatformKind platformKind() {
    return platformKind;
  }

  /**
   * BigCommerce's store hash: {@code abc123} of {@code store-abc123.mybigcommerce.com}, else a hash
   * of the domain (a store under its own domain).
   */
  String storeHash() {
    return BigCommerceStoreHash.of(domain);
  }

  void replaceAccessToken(String newAccessToken) {
    this.accessToken = newAccessToken;
  }

  /** The app's API secret: the key of the HMAC of every webhook the shop delivers. */
  String webhookSecret() {
    return webhookSecret;
  }

  void replaceWebhookSecret(String newWebhookSecret) {
    this.webhookSecret = newWebhookSecret;
  }

  boolean acceptsAccessToken(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), accessToken.getBytes(StandardCharsets.UTF_8));
  }

  // ---- platform API calls -------------------------------------------------------------------

  /**
   * Counts a call of the operation and takes the next fault queued for it, if any: the caller must
   * then fail the call that way instead of running the operation.
   */
  synchronized Optional<PendingFault> receiveCall(PlatformOperation operation) {
    Optional<PendingFault> fault = Optional.ofNullable(pendingFaults.get(operation).pollFirst());
    callCounts.put(operation, callCounts.get(operation).plusReceived(fault.isPresent()));
    return fault;
  }

  /**
   * Creates the code, or answers empty when the shop already has it (in any state but forgotten).
   */
  synchronized Optional<SimulatedDiscountCode> createDiscountCode(
      String code, String title, BigDecimal amount, Supplier<String> newPlatformId, Instant now) {
    String key = keyOf(code);
    if (codesByKey.containsKey(key)) {
      return Optional.empty();
    }
    SimulatedDiscountCode created =
        new SimulatedDiscountCode(
            code, newPlatformId.get(), title, amount, DiscountCodeState.ACTIVE, 0, now);
    codesByKey.put(key, created);
    keysByPlatformId.put(created.platformDiscountId(), key);
    return Optional.of(created);
  }

  /**
   * The code as the API sees it: ACTIVE or DEACTIVATED; deleted and forgotten codes are not found.
   */
  synchronized Optional<SimulatedDiscountCode> lookUpByCode(String code) {
    return findByCode(code).filter(SimulatedDiscountCode::isVisibleToApi);
  }

  /**
   * Deactivates the code with that id (a deactivated one stays so); empty when the API cannot see
   * it.
   */
  synchronized Optional<SimulatedDiscountCode> deactivate(String platformId) {
    return replaceVisible(platformId, DiscountCodeState.DEACTIVATED);
  }

  /** Marks the code with that id deleted; empty when the API cannot see it. */
  synchronized Optional<SimulatedDiscountCode> delete(String platformId) {
    return replaceVisible(platformId, DiscountCodeState.DELETED);
  }

  synchronized List<SimulatedWebhookSubscription> webhookSubscriptions() {
    return List.copyOf(webhookSubscriptions);
  }

  /**
   * Registers the subscription, or answers empty when one for the topic and address exists (Shopify
   * refuses it: "Address for this topic has already been taken").
   */
  synchronized Optional<SimulatedWebhookSubscription> subscribe(
      String topic, String uri, String format, Supplier<String> newId) {
    boolean taken =
        webhookSubscriptions.stream().anyMatch(s -> s.topic().equals(topic) && s.uri().equals(uri));
    if (taken) {
      return Optional.empty();
    }
    SimulatedWebhookSubscription created =
        new SimulatedWebhookSubscription(newId.get(), topic, uri, format);
    webhookSubscriptions.add(created);
    return Optional.of(created);
  }

  /** Removes the topic's subscriptions, as Shopify does after failed deliveries; how many. */
  synchronized int dropWebhookSubscriptions(String topic) {
    int before = webhookSubscriptions.size();
    webhookSubscriptions.removeIf(s -> s.topic().equals(topic));
    return before - webhookSubscriptions.size();
  }

  // ---- orders and webhook deliveries -----------------------------------------------------------

  /**
   * Creates a paid order: each code must be ACTIVE and counts one use, as a checkout applying it
   * would; nothing changes when one is not.
   */
  synchronized SimulatedOrder placeOrder(
      String customerId,
      String currency,
      List<BigDecimal> prices,
      List<Integer> quantities,
      List<String> codes,
      BigDecimal shipping,
      LongSupplier newId,
      Instant now) {
    List<SimulatedDiscountCode> applied = new ArrayList<>();
    for (String code : codes) {
      SimulatedDiscountCode found =
          findByCode(code).orElseThrow(() -> new UnknownDiscountCodeException(domain, code));
      if (found.state() != DiscountCodeState.ACTIVE) {
        throw new DiscountCodeNotUsableException(found);
      }
      applied.add(found);
    }
    applied.forEach(code -> recordUse(code.code()));
    SimulatedOrder order =
        SimulatedOrder.paid(
            newId, customerId, currency, prices, quantities, applied, shipping, now);
    ordersById.put(order.id(), order);
    return order;
  }

  synchronized SimulatedOrder.Refund refund(
      long orderId,
      List<SimulatedOrder.RefundRequestLine> lines,
      boolean shipping,
      LongSupplier newId,
      Instant now) {
    return order(orderId).refund(lines, shipping, newId, now);
  }

  /**
   * Cancels the order, first refunding what was not refunded yet when {@code refund} (as Shopify's
   * admin does by default); 409 when it was cancelled already. Answers that refund, if any.
   */
  synchronized Optional<SimulatedOrder.Refund> cancel(
      long orderId, boolean refund, LongSupplier newId, Instant now) {
    SimulatedOrder order = order(orderId);
    if (order.cancelledAt().isPresent()) {
      throw new OrderAlreadyCancelledException(domain, orderId);
    }
    Optional<SimulatedOrder.Refund> refunded =
        refund ? order.refundTheRest(newId, now) : Optional.empty();
    order.cancel(now);
    return refunded;
  }

  /** Runs {@code reader} on the order under the shop's lock, so it sees a consistent state. */
  synchronized <T> T read(long orderId, Function<SimulatedOrder, T> reader) {
    return reader.apply(order(orderId));
  }

  /** Runs {@code reader} on every order under the shop's lock, in creation order. */
  synchronized <T> List<T> readOrders(Function<SimulatedOrder, T> reader) {
    return ordersById.values().stream().map(reader).toList();
  }

  private SimulatedOrder order(long orderId) {
    SimulatedOrder order = ordersById.get(orderId);
    if (order == null) {
      throw new UnknownOrderException(domain, orderId);
    }
    return order;
  }

  /** The latest sends, oldest first; at most {@link #DELIVERY_RECORDS_KEPT}. */
  synchronized List<WebhookDeliveryRecord> deliveries() {
    return List.copyOf(deliveries);
  }

  synchronized void recordDelivery(WebhookDeliveryRecord delivery) {
    deliveries.addLast(delivery);
    while (deliveries.size() > DELIVERY_RECORDS_KEPT) {
      deliveries.removeFirst();
    }
  }

  synchronized void deliverWith(WebhookDeliveryPolicy policy) {
    deliveryPolicy = policy;
    deliveryDraws = new Random(policy.seed());
  }

  synchronized WebhookDeliveryPolicy deliveryPolicy() {
    return deliveryPolicy;
  }

  /** The delays of the sends of the next delivery, drawn in call order from the policy's seed. */
  synchronized List<Long> nextSendDelaysMs() {
    return deliveryPolicy.sendDelaysMs(deliveryDraws);
  }

  // ---- BigCommerce hooks and order statuses ---------------------------------------------------

  synchronized List<SimulatedHook> hooks() {
    return List.copyOf(hooks);
  }

  synchronized Optional<SimulatedHook> hook(long id) {
    return hooks.stream().filter(h -> h.id() == id).findFirst();
  }

  /**
   * Registers the hook, or answers empty when one for the scope and destination exists (the sandbox
   * refuses a second one, so that a client that creates twice is seen).
   */
  synchronized Optional<SimulatedHook> addHook(
      String scope,
      String destination,
      Map<String, String> headers,
      boolean active,
      LongSupplier newId,
      Instant now) {
    if (hooks.stream()
        .anyMatch(h -> h.scope().equals(scope) && h.destination().equals(destination))) {
      return Optional.empty();
    }
    SimulatedHook created =
        new SimulatedHook(newId.getAsLong(), scope, destination, headers, active, now, now);
    hooks.add(created);
    return Optional.of(created);
  }

  /** Replaces the hook with what {@code change} makes of it; empty when there is no such hook. */
  synchronized Optional<SimulatedHook> changeHook(
      long id, java.util.function.UnaryOperator<SimulatedHook> change) {
    for (int i = 0; i < hooks.size(); i++) {
      if (hooks.get(i).id() == id) {
        SimulatedHook changed = change.apply(hooks.get(i));
        hooks.set(i, changed);
        return Optional.of(changed);
      }
    }
    return Optional.empty();
  }

  synchronized Optional<SimulatedHook> removeHook(long id) {
    Optional<SimulatedHook> found = hook(id);
    found.ifPresent(hooks::remove);
    return found;
  }

  /** Deactivates the scope's hooks, as BigCommerce does after failed deliveries; how many. */
  synchronized int deactivateHooks(String scope, Instant now) {
    int changed = 0;
    for (int i = 0; i < hooks.size(); i++) {
      SimulatedHook hook = hooks.get(i);
      if (hook.scope().equals(scope) && hook.active()) {
        hooks.set(i, hook.changed(hook.scope(), hook.destination(), hook.headers(), false, now));
        changed++;
      }
    }
    return changed;
  }

  /** The order's BigCommerce status and last change, set when it was placed. */
  synchronized BigCommerceOrderState bigCommerceState(long orderId) {
    SimulatedOrder order = order(orderId);
    return bigCommerceOrders.getOrDefault(
        orderId,
        new BigCommerceOrderState(BigCommerceOrderEvents.AWAITING_FULFILLMENT, order.createdAt()));
  }

  /** Sets the order's status (and its last change); answers the state before. */
  synchronized BigCommerceOrderState changeBigCommerceStatus(
      long orderId, int statusId, Instant now) {
    order(orderId);
    return bigCommerceOrders.put(orderId, new BigCommerceOrderState(statusId, now));
  }

  /** Enables a deactivated code again (BigCommerce {@code PUT enabled: true}). */
  synchronized Optional<SimulatedDiscountCode> reactivate(String platformId) {
    return replaceVisible(platformId, DiscountCodeState.ACTIVE);
  }

  // ---- sandbox controls -----------------------------------------------------------------------

  /** The code in any state, deleted ones included; empty once forgotten. */
  synchronized Optional<SimulatedDiscountCode> findByCode(String code) {
    return Optional.ofNullable(codesByKey.get(keyOf(code)));
  }

  synchronized List<SimulatedDiscountCode> discountCodes() {
    return List.copyOf(codesByKey.values());
  }

  /** Counts one use of the code, as a checkout applying it would. */
  synchronized SimulatedDiscountCode recordUse(String code) {
    SimulatedDiscountCode current =
        findByCode(code).orElseThrow(() -> new UnknownDiscountCodeException(domain, code));
    if (current.state() != DiscountCodeState.ACTIVE) {
      throw new DiscountCodeNotUsableException(current);
    }
    SimulatedDiscountCode used = current.withOneMoreUse();
    codesByKey.put(keyOf(code), used);
    return used;
  }

  /** Removes every trace of the code, as if it had never been created. */
  synchronized void forget(String code) {
    SimulatedDiscountCode removed = codesByKey.remove(keyOf(code));
    if (removed == null) {
      throw new UnknownDiscountCodeException(domain, code);
    }
    keysByPlatformId.remove(removed.platformDiscountId());
  }

  synchronized List<PendingFault> addFaults(PendingFault fault, int failures) {
    Deque<PendingFault> queue = pendingFaults.get(fault.operation());
    for (int i = 0; i < failures; i++) {
      queue.addLast(fault);
    }
    return pendingFaults();
  }

  /** Pending faults, grouped by operation, each group in the order the calls will meet them. */
  synchronized List<PendingFault> pendingFaults() {
    List<PendingFault> all = new ArrayList<>();
    pendingFaults.values().forEach(all::addAll);
    return Collections.unmodifiableList(all);
  }

  synchronized void clearFaults() {
    pendingFaults.values().forEach(Deque::clear);
  }

  synchronized Map<PlatformOperation, CallCount> callCounts() {
    return Collections.unmodifiableMap(new EnumMap<>(callCounts));
  }

  private Optional<SimulatedDiscountCode> replaceVisible(
      String platformId, DiscountCodeState newState) {
    String key = keysByPlatformId.get(platformId);
    SimulatedDiscountCode current = key == null ? null : codesByKey.get(key);
    if (current == null || !current.isVisibleToApi()) {
      return Optional.empty();
    }
    SimulatedDiscountCode replaced = current.withState(newState);
    codesByKey.put(key, replaced);
    return Optional.of(replaced);
  }

  private static String keyOf(String code) {
    return code.toLowerCase(Locale.ROOT);
  }
}
