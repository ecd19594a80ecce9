package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.WebhookFixtures.json;
import static io.pointsaga.starter.webhook.WebhookFixtures.with;
import static io.pointsaga.starter.webhook.WebhookFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BigCommerceWebhookParserTest {

  private static final String STATUS_UPDATED = "bigcommerce/order-status-updated.json";
  private static final String REFUND_CREATED = "bigcommerce/order-refund-created.json";

  private final BigCommerceWebhookParser parser = new BigCommerceWebhookParser();

  @Test
  void statusUpdatedCarriesTheOrderIdAndTheNewStatus() {
    ParsedDelivery delivery = parser.parse(json(STATUS_UPDATED));

    OrderEvent event = delivery.event();
    assertThat(delivery.businessKey()).isEqualTo("order:250:status:11");
    assertThat(event)
        .isEqualTo(
            new OrderEvent(
                0,
                OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
                "bc-status:11",
                null,
                "250",
                null,
                null,
                null,
                11));
  }

  @Test
  void refundCreatedCarriesTheOrderIdAndTheRefundId() {
    ParsedDelivery delivery = parser.parse(json(REFUND_CREATED));

    assertThat(delivery.businessKey()).isEqualTo("refund:bc-3");
    assertThat(delivery.event())
        .isEqualTo(
            new OrderEvent(
                0,
                OrderEventKind.BIGCOMMERCE_REFUND_CREATED,
                "refund:bc-3",
                null,
                "250",
                null,
                null,
                "3",
                null));
  }

  @ParameterizedTest(name = "status {0}")
  @CsvSource({
    "4, order:250:status:4, bc-status:4",
    "5, order:250:status:5, bc-status:5",
    "14, order:250:status:14, bc-status:14"
  })
  void eachNewStatusIsItsOwnEvent(int statusId, String businessKey, String eventKey) {
    ObjectNode payload = with(json(STATUS_UPDATED), "/data/status/new_status_id", "" + statusId);

    ParsedDelivery delivery = parser.parse(payload);

    assertThat(delivery.businessKey()).isEqualTo(businessKey);
    assertThat(delivery.event().eventKey()).isEqualTo(eventKey);
    assertThat(delivery.event().platformStatusId()).isEqualTo(statusId);
  }

  @Test
  void idsSentAsStringsAreAccepted() {
    ObjectNode payload = with(json(REFUND_CREATED), "/data/id", "\"250\"");
    with(payload, "/data/refund/refund_id", "\"3\"");

    OrderEvent event = parser.parse(payload).event();

    assertThat(event.orderId()).isEqualTo("250");
    assertThat(event.platformRefundId()).isEqualTo("3");
  }

  @Test
  void theShopDomainCanBeGivenWithThePayload() {
    String shopDomain = "store-k5u1mu3xnb.mybigcommerce.com";

    ParsedDelivery delivery = parser.parse(shopDomain, json(STATUS_UPDATED));

    assertThat(delivery.event().shopDomain()).isEqualTo(shopDomain);
    assertThat(delivery.event().platformStatusId()).isEqualTo(11);
  }

  @Test
  void theDeliveryKeyIsTheHash() {
    assertThat(parser.deliveryKey(json(STATUS_UPDATED)))
        .isEqualTo("dd70c0976e06b67aaf671e73f49dcb79230ebf9d");
    assertThat(parser.deliveryKey(json(REFUND_CREATED)))
        .isEqualTo("8e4f1c7a2b9d3e6f0a5c8b1d4e7f2a9c3b6d0e1f");
  }

  @Test
  void aDeliveryWithoutHashHasNoDeliveryKey() {
    ObjectNode payload = without(json(STATUS_UPDATED), "/hash");

    assertThatThrownBy(() -> parser.deliveryKey(payload))
        .isInstanceOfSatisfying(
            MalformedWebhookException.class, e -> assertThat(e.field()).isEqualTo("hash"))
        .hasMessage("BigCommerce webhook payload: hash is missing");
  }

  @Test
  void theStoreHashComesFromTheProducer() {
    assertThat(parser.storeHash(json(STATUS_UPDATED))).contains("k5u1mu3xnb");
    assertThat(parser.storeHash(without(json(STATUS_UPDATED), "/producer"))).isEmpty();
    assertThat(parser.storeHash(with(json(STATUS_UPDATED), "/producer", "\"apps/12345\"")))
        .isEmpty();
    assertThat(parser.storeHash(with(json(STATUS_UPDATED), "/producer", "\"stores/\""))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"store/order/created", "store/order/updated", "store/product/updated"})
  void otherScopesAreUnsupported(String scope) {
    ObjectNode payload = with(json(STATUS_UPDATED), "/scope", '"' + scope + '"');

    assertThatThrownBy(() -> parser.parse(payload))
        .isInstanceOfSatisfying(
            UnsupportedTopicException.class, e -> assertThat(e.topic()).isEqualTo(scope))
        .hasMessage(
            "BigCommerce scope '"
                + scope
                + "' is not handled; subscribe only to store/order/statusUpdated,"
                + " store/order/refund/created");
  }

  /**
   * @param value the JSON to put at {@code pointer}; null removes what is there
   */
  record Case(String fixture, String pointer, String value, String field, String message) {

    @Override
    public String toString() {
      return message;
    }
  }

  static Stream<Case> malformedPayloads() {
    String status = "BigCommerce store/order/statusUpdated payload: ";
    String refund = "BigCommerce store/order/refund/created payload: ";
    return Stream.of(
        new Case(
            STATUS_UPDATED,
            "/scope",
            null,
            "scope",
            "BigCommerce webhook payload: scope is missing"),
        new Case(
            STATUS_UPDATED,
            "/data/id",
            "\"#250\"",
            "data.id",
            status + "data.id must be a positive whole-number id, got \"#250\""),
        new Case(STATUS_UPDATED, "/data", null, "data.id", status + "data.id is missing"),
        new Case(
            STATUS_UPDATED,
            "/data/status/new_status_id",
            null,
            "data.status.new_status_id",
            status + "data.status.new_status_id is missing"),
        new Case(
            STATUS_UPDATED,
            "/data/status/new_status_id",
            "-1",
            "data.status.new_status_id",
            status + "data.status.new_status_id must be a whole number of at least 0, got -1"),
        new Case(
            REFUND_CREATED,
            "/data/refund/refund_id",
            null,
            "data.refund.refund_id",
            refund + "data.refund.refund_id is missing"),
        new Case(
            REFUND_CREATED,
            "/data/refund",
            "3",
            "data.refund",
            refund + "data.refund must be a JSON object, got 3"));
  }

  @ParameterizedTest
  @MethodSource("malformedPayloads")
  void malformedPayloadsNameTheField(Case malformed) {
    ObjectNode payload = json(malformed.fixture());
    if (malformed.value() == null) {
      without(payload, malformed.pointer());
    } else {
      with(payload, malformed.pointer(), malformed.value());
    }

    assertThatThrownBy(() -> parser.parse(payload))
        .isInstanceOfSatisfying(
            MalformedWebhookException.class,
            e -> assertThat(e.field()).isEqualTo(malformed.field()))
        .hasMessage(malformed.message());
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsMalformed() {
    assertThatThrownBy(() -> parser.parse(WebhookFixtures.parse("\"store/order/statusUpdated\"")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("BigCommerce webhook payload: the payload is not a JSON object");
  }

  @Test
  void listsTheScopesToSubscribeTo() {
    assertThat(BigCommerceWebhookParser.SCOPES)
        .containsExactly("store/order/statusUpdated", "store/order/refund/created");
  }
}
