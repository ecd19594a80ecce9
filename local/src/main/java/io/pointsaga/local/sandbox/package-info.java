/**
 * The simulated platforms of the embedded mode (SPEC §7, §10), Shopify and BigCommerce, mounted
 * under {@code /sandbox/} of the embedded application and kept in memory by {@link
 * io.pointsaga.local.sandbox.SimulatedPlatform}. A BigCommerce store's API ({@code /v2/store},
 * {@code /v3/hooks}, {@code /v2/coupons}, {@code /v2/orders}, {@code
 * /v3/orders/{id}/payment_actions/refunds}) is served under {@code /sandbox/shops/{shop}} by the
 * hooks, coupons and orders controllers behind {@link
 * io.pointsaga.local.sandbox.BigCommerceApiGate} (store, token, faults); see docs/DESIGN.md.
 *
 * <h2>Shopify Admin GraphQL, as the real Shopify adapter calls it</h2>
 *
 * {@code POST /sandbox/shops/{shop}/admin/api/{version}/graphql.json} with header {@code
 * X-Shopify-Access-Token}. The operation is recognised by the root field the query names:
 *
 * <ul>
 *   <li>{@code discountCodeBasicCreate}: operation {@code createDiscountCode};
 *   <li>{@code codeDiscountNodeByCode}: operation {@code lookupDiscountCode} (a deactivated code
 *       reports status {@code EXPIRED}; deleted and forgotten codes are {@code null});
 *   <li>{@code discountCodeDeactivate} and {@code discountCodeDelete}: operation {@code
 *       revokeDiscountCode}.
 * </ul>
 *
 * Unknown shop: 404; wrong token: 401, checked before anything else happens; any other root field:
 * a GraphQL {@code undefinedField} error. Only calls of the three operations are counted and may
 * meet an injected fault.
 *
 * <h2>Controls</h2>
 *
 * <ul>
 *   <li>{@code GET /sandbox/shops/{shop}/discount-codes} and {@code .../discount-codes/{code}}:
 *       state and usage count;
 *   <li>{@code POST .../discount-codes/{code}/use}: one use, as a checkout would (409 once the code
 *       is deactivated or deleted);
 *   <li>{@code DELETE .../discount-codes/{code}}: the platform forgets the code;
 *   <li>{@code POST|GET|DELETE /sandbox/shops/{shop}/faults}: queue, list, clear failures of the
 *       next calls of an operation ({@code HTTP_500}, {@code HTTP_429}, {@code TIMEOUT}, {@code
 *       RESET}, {@code THROTTLED}); a faulted call does not run its operation;
 *   <li>{@code GET /sandbox/shops/{shop}/calls}: calls received and failed by faults, per
 *       operation.
 * </ul>
 *
 * Errors of the controls are {@code {"error": "...", "message": "..."}}, with {@code "field"} when
 * a request field is at fault. {@code pointsaga.sandbox.timeout-fault-delay} (default {@code PT5S})
 * sets how long a TIMEOUT fault keeps the caller waiting before it answers 504.
 */
package io.pointsaga.local.sandbox;
