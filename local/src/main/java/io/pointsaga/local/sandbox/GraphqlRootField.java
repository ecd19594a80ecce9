package io.pointsaga.local.sandbox;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Shopify Admin GraphQL root fields the sandbox answers, each belonging to one adapter
 * operation. A request is recognised by the root field named in its query text: the sandbox matches
 * names, it does not parse GraphQL.
 */
enum GraphqlRootField {
  DISCOUNT_CODE_BASIC_CREATE("discountCodeBasicCreate", PlatformOperation.CREATE_DISCOUNT_CODE),
  CODE_DISCOUNT_NODE_BY_CODE("codeDiscountNodeByCode", PlatformOperation.LOOKUP_DISCOUNT_CODE),
  DISCOUNT_CODE_DEACTIVATE("discountCodeDeactivate", PlatformOperation.REVOKE_DISCOUNT_CODE),
  DISCOUNT_CODE_DELETE("discountCodeDelete", PlatformOperation.REVOKE_DISCOUNT_CODE),
  SHOP("shop", PlatformOperation.READ_SHOP),
  WEBHOOK_SUBSCRIPTIONS("webhookSubscriptions", PlatformOperation.LIST_WEBHOOK_SUBSCRIPTIONS),
  WEBHOOK_SUBSCRIPTION_CREATE(
      "webhookSubscriptionCreate", PlatformOperation.CREATE_WEBHOOK_SUBSCRIPTION),
  ORDERS("orders", PlatformOperation.LIST_ORDERS);

  private static final Pattern COMMENT = Pattern.compile("#[^\\r\\n]*");
  private static final Pattern KNOWN_FIELD =
      Pattern.compile(
          "(?<![A-Za-z0-9_])("
              + Arrays.stream(values())
                  .map(GraphqlRootField::fieldName)
                  .collect(Collectors.joining("|"))
              + ")(?![A-Za-z0-9_])");

  /** The first selection of the operation, after an optional alias: {@code { alias: field} or { field}. */
  private static final Pattern FIRST_SELECTION = Pattern.compile("\\{\\s*(?:\\w+\\s*:\\s*)?(\\w+)");

  private final String fieldName;
  private final PlatformOperation operation;

  GraphqlRootField(String fieldName, PlatformOperation operation) {
    this.fieldName = fieldName;
    this.operation = operation;
  }

  String fieldName() {
    return fieldName;
  }

  PlatformOperation operation() {
    return operation;
  }

  /** The known root field named first in the query, ignoring comments. */
  static Optional<GraphqlRootField> findIn(String query) {
    Matcher matcher = KNOWN_FIELD.matcher(withoutComments(query));
    if (!matcher.find()) {
      return Optional.empty();
    }
    String name = matcher.group(1);
    return Arrays.stream(values()).filter(field -> field.fieldName.equals(name)).findFirst();
  }

  /** The root field a query we do not know asks for, for the "doesn't exist" error. */
  static String firstSelectionIn(String query) {
    Matcher matcher = FIRST_SELECTION.matcher(withoutComments(query));
    return matcher.find() ? matcher.group(1) : "";
  }

  /**
   * The GraphQL type whose fields the query selects: Shopify's {@code Mutation} or {@code
   * QueryRoot}.
   */
  static String rootTypeOf(String query) {
    return withoutComments(query).strip().startsWith("mutation") ? "Mutation" : "QueryRoot";
  }

  private static String withoutComments(String query) {
    return COMMENT.matcher(query).replaceAll("");
  }
}
