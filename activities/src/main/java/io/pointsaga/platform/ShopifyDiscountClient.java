package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Shopify discount codes through the Admin GraphQL API. Shopify answers most errors with HTTP 200:
 * {@code userErrors} for refused input, top-level {@code errors} for throttling and the rest.
 */
final class ShopifyDiscountClient implements DiscountPlatformClient {

  static final String GRAPHQL_PATH = ShopifyGraphql.PATH;

  private static final String CREATE =
      """
      mutation CreateRewardCode($basicCodeDiscount: DiscountCodeBasicInput!) {
        discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
          codeDiscountNode { id }
          userErrors { field code message }
        }
      }
      """;

  private static final String LOOKUP =
      """
      query RewardCode($code: String!) {
        codeDiscountNodeByCode(code: $code) {
          id
          codeDiscount { __typename ... on DiscountCodeBasic { status asyncUsageCount } }
        }
      }
      """;

  private static final String DEACTIVATE =
      """
      mutation RevokeRewardCode($id: ID!) {
        discountCodeDeactivate(id: $id) {
          codeDiscountNode { id }
          userErrors { field code message }
        }
      }
      """;

  private static final String CUSTOMER_GID_PREFIX = "gid://shopify/Customer/";

  private final ShopifyGraphql graphql;
  private final Clock clock;

  ShopifyDiscountClient(PlatformHttp http, Clock clock) {
    this.graphql = new ShopifyGraphql(http);
    this.clock = clock;
  }

  @Override
  public PlatformDiscount create(PlatformAccount account, DiscountCodeSpec spec) {
    PlatformCall call = PlatformCall.of(account, "create", spec.code());
    ObjectNode variables = PlatformJson.object();
    variables.set("basicCodeDiscount", basicCodeDiscount(call, spec));
    JsonNode payload = execute(account, call, CREATE, variables).path("discountCodeBasicCreate");
    List<ShopifyUserError> errors = ShopifyUserError.listFrom(payload);
    if (errors.stream().anyMatch(error -> error.hasCode("TAKEN"))) {
      // Codes are unique per redemption, so a taken code is an earlier attempt of this create.
      return existing(account, call);
    }
    if (!errors.isEmpty()) {
      throw PlatformFailures.rejected(call, ShopifyUserError.describe(errors));
    }
    String id = payload.path("codeDiscountNode").path("id").textValue();
    if (id == null) {
      throw PlatformFailures.unexpected(call, "neither a discount id nor userErrors");
    }
    return new PlatformDiscount(id, spec.code());
  }

  @Override
  public DiscountCodeStatus lookup(PlatformAccount account, String code) {
    return findByCode(account, PlatformCall.of(account, "look up", code));
  }

  @Override
  public RevocationResult revoke(PlatformAccount account, String code) {
    PlatformCall call = PlatformCall.of(account, "revoke", code);
    DiscountCodeStatus status = findByCode(account, call);
    if (!status.tracked()) {
      return RevocationResult.ALREADY_GONE;
    }
    ObjectNode variables = PlatformJson.object().put("id", status.platformDiscountId());
    JsonNode payload = execute(account, call, DEACTIVATE, variables).path("discountCodeDeactivate");
    List<ShopifyUserError> errors = ShopifyUserError.listFrom(payload);
    if (errors.isEmpty()) {
      return RevocationResult.REVOKED;
    }
    JsonNode node = payload.path("codeDiscountNode");
    boolean nodeGone = node.isNull() || node.isMissingNode();
    if (nodeGone && errors.stream().allMatch(ShopifyUserError::saysDiscountDoesNotExist)) {
      // Deleted between the lookup and the deactivation.
      return RevocationResult.ALREADY_GONE;
    }
    throw PlatformFailures.rejected(call, ShopifyUserError.describe(errors));
  }

  private PlatformDiscount existing(PlatformAccount account, PlatformCall call) {
    DiscountCodeStatus status = findByCode(account, call);
    if (!status.tracked()) {
      // Deleted since Shopify said it was taken: the next attempt can create it.
      throw PlatformFailures.unavailable(
          String.format(
              "Shopify said discount code %s of shop %s is taken but then did not find it.",
              call.code(), call.shopDomain()),
          null);
    }
    return new PlatformDiscount(status.platformDiscountId(), call.code());
  }

  private DiscountCodeStatus findByCode(PlatformAccount account, PlatformCall call) {
    ObjectNode variables = PlatformJson.object().put("code", call.code());
    JsonNode data = execute(account, call, LOOKUP, variables);
    if (!data.has("codeDiscountNodeByCode")) {
      throw PlatformFailures.unexpected(call, "no codeDiscountNodeByCode field");
    }
    JsonNode node = data.get("codeDiscountNodeByCode");
    if (node.isNull()) {
      return DiscountCodeStatus.untracked();
    }
    String id = node.path("id").textValue();
    if (id == null) {
      throw PlatformFailures.unexpected(call, "a discount without an id");
    }
    JsonNode discount = node.path("codeDiscount");
    return new DiscountCodeStatus(
        true,
        id,
        "ACTIVE".equals(discount.path("status").textValue()),
        discount.path("asyncUsageCount").asLong(0));
  }

  private ObjectNode basicCodeDiscount(PlatformCall call, DiscountCodeSpec spec) {
    ObjectNode input = PlatformJson.object();
    input.put("title", spec.title());
    input.put("code", spec.code());
    input.put("startsAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode context = input.putObject("context");
    if (spec.customerId() == null) {
      context.put("all", "ALL");
    } else {
      context.putObject("customers").putArray("add").add(customerGid(spec.customerId()));
    }
    ObjectNode customerGets = input.putObject("customerGets");
    customerGets
        .putObject("value")
        .putObject("discountAmount")
        .put("amount", DiscountPlatformClient.moneyAmount(call, spec.amountOff()))
        .put("appliesOnEachItem", false);
    customerGets.putObject("items").put("all", true);
    input.put("usageLimit", 1);
    input.put("appliesOncePerCustomer", true);
    return input;
  }

  private static String customerGid(String customerId) {
    return customerId.startsWith("gid://") ? customerId : CUSTOMER_GID_PREFIX + customerId;
  }

  private JsonNode execute(
      PlatformAccount account, PlatformCall call, String query, ObjectNode variables) {
    return graphql.execute(account, call, query, variables);
  }
}
