package io.pointsaga.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Recognising the operation of a request by the root field its query names. */
class GraphqlRootFieldTest {

  @Test
  void eachKnownRootFieldBelongsToItsAdapterOperation() {
    assertThat(GraphqlRootField.findIn(SandboxClient.CREATE_MUTATION))
        .hasValue(GraphqlRootField.DISCOUNT_CODE_BASIC_CREATE);
    assertThat(GraphqlRootField.findIn(SandboxClient.LOOKUP_QUERY))
        .hasValue(GraphqlRootField.CODE_DISCOUNT_NODE_BY_CODE);
    assertThat(GraphqlRootField.findIn(SandboxClient.DEACTIVATE_MUTATION))
        .hasValue(GraphqlRootField.DISCOUNT_CODE_DEACTIVATE);
    assertThat(GraphqlRootField.findIn(SandboxClient.DELETE_MUTATION))
        .hasValue(GraphqlRootField.DISCOUNT_CODE_DELETE);

    assertThat(GraphqlRootField.DISCOUNT_CODE_BASIC_CREATE.operation())
        .isEqualTo(PlatformOperation.CREATE_DISCOUNT_CODE);
    assertThat(GraphqlRootField.CODE_DISCOUNT_NODE_BY_CODE.operation())
        .isEqualTo(PlatformOperation.LOOKUP_DISCOUNT_CODE);
    assertThat(GraphqlRootField.DISCOUNT_CODE_DEACTIVATE.operation())
        .isEqualTo(PlatformOperation.REVOKE_DISCOUNT_CODE);
    assertThat(GraphqlRootField.DISCOUNT_CODE_DELETE.operation())
        .isEqualTo(PlatformOperation.REVOKE_DISCOUNT_CODE);
  }

  @Test
  void compactAnonymousAndAliasedQueriesAreRecognised() {
    assertThat(
            GraphqlRootField.findIn(
                "mutation($id:ID!){discountCodeDelete(id:$id){deletedCodeDiscountId}}"))
        .hasValue(GraphqlRootField.DISCOUNT_CODE_DELETE);
    assertThat(GraphqlRootField.findIn("{ node: codeDiscountNodeByCode(code: \"X\") { id } }"))
        .hasValue(GraphqlRootField.CODE_DISCOUNT_NODE_BY_CODE);
  }

  @Test
  void onlyWholeNamesOutsideCommentsCount() {
    assertThat(GraphqlRootField.findIn("mutation { discountCodeDeleteAll { id } }")).isEmpty();
    assertThat(GraphqlRootField.findIn("mutation { xdiscountCodeDelete { id } }")).isEmpty();
    assertThat(
            GraphqlRootField.findIn(
                """
                # was: discountCodeDeactivate(id: $id)
                mutation($id: ID!) { discountCodeDelete(id: $id) { deletedCodeDiscountId } }"""))
        .hasValue(GraphqlRootField.DISCOUNT_CODE_DELETE);
  }

  @Test
  void unknownQueryIsDescribedByItsFirstFieldAndRootType() {
    String query =
        "mutation Fulfil { fulfillmentCreate(fulfillment: {}) { userErrors { message } } }";

    assertThat(GraphqlRootField.findIn(query)).isEmpty();
    assertThat(GraphqlRootField.firstSelectionIn(query)).isEqualTo("fulfillmentCreate");
    assertThat(GraphqlRootField.rootTypeOf(query)).isEqualTo("Mutation");
    assertThat(GraphqlRootField.firstSelectionIn("{ s: shop { name } }")).isEqualTo("shop");
    assertThat(GraphqlRootField.rootTypeOf("{ shop { name } }")).isEqualTo("QueryRoot");
  }
}
