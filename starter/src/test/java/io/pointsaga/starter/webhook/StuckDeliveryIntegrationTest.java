package io.pointsaga.starter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.attention.AttentionItem;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.WorkflowIds;
import io.pointsaga.testing.TestDatabase;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A delivery the relay cannot hand to its saga (Temporal unreachable) is kept in the attention
 * queue once it has failed {@code stuck-after-attempts} times, and only then; the relay keeps
 * trying, and the item closes itself when the delivery is finally handed over.
 */
@Timeout(60)
class StuckDeliveryIntegrationTest {
  private static final int STUCK_AFTER = 3;

  private final Clock clock = Clock.systemUTC();
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private TestDatabase db;
  private JdbcClient jdbc;
  private Shops shops;
  private Shop shop;
  private AttentionItems attention;
  private TestWorkflowEnvironment temporal;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    jdbc = JdbcClient.create(db.dataSource());
    shops = new Shops(jdbc);
    shop =
        shops.upsert(
            "stuck.myshopify.com",
            PlatformKind.SHOPIFY,
            "http://127.0.0.1:1",
            "token",
            "secret",
            "USD");
    attention = new AttentionItems(jdbc, clock);
    temporal = TestWorkflowEnvironment.newInstance();
    PointSagaSearchAttributes.ALL.forEach(
        key ->
            temporal.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    temporal.start();
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void aDeliveryNotHandedOverAfterRepeatedAttemptsIsKeptUntilItIsHandedOver() {
    WebhookInbox inbox = new WebhookInbox(jdbc, json, clock);
    long row =
        inbox
            .record(
                shop.id(),
                "SHOPIFY",
                "orders/paid",
                "delivery-9001",
                WebhookKeys.orderPaid("9001"),
                paid("9001"))
            .orElseThrow();
    WorkflowClient unreachable = mock(WorkflowClient.class);
    when(unreachable.newWorkflowStub(any(Class.class), any(WorkflowOptions.class)))
        .thenThrow(new IllegalStateException("UNAVAILABLE: io exception"));
    OrderSagaRelay down = relay(unreachable);

    for (int attempt = 1; attempt < STUCK_AFTER; attempt++) {
      dueNow(row);
      down.relayPending();
    }
    assertThat(attention.open(shop.id(), 10)).as("not yet: %d attempts", STUCK_AFTER - 1).isEmpty();
    dueNow(row);
    down.relayPending();
    dueNow(row);
    down.relayPending(); // still failing: the one item stays

    List<AttentionItem> items = attention.open(shop.id(), 10);
    assertThat(items)
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.kind()).isEqualTo(AttentionKind.DELIVERY_STUCK);
              assertThat(item.subject()).isEqualTo("payment of order 9001");
              assertThat(item.workflowId()).isEqualTo(WorkflowIds.order(shop.domain(), "9001"));
              assertThat(item.problem()).contains("3 attempts", "UNAVAILABLE");
            });

    dueNow(row);
    relay(temporal.getWorkflowClient()).relayPending();

    assertThat(status(row)).isEqualTo("DISPATCHED");
    assertThat(attention.open(shop.id(), 10)).as("closed once handed over").isEmpty();
    assertThat(
            temporal
                .getWorkflowClient()
                .newUntypedWorkflowStub(WorkflowIds.order(shop.domain(), "9001"))
                .describe()
                .getWorkflowType())
        .as("the saga was started with the delivery")
        .isEqualTo("OrderWorkflow");
  }

  private OrderSagaRelay relay(WorkflowClient client) {
    return new OrderSagaRelay(
        new WebhookInbox(jdbc, json, clock), client, clock, attention, shops, STUCK_AFTER);
  }

  private void dueNow(long row) {
    jdbc.sql("update webhook_inbox set next_attempt_at = now() - interval '1 second' where id = ?")
        .params(row)
        .update();
  }

  private String status(long row) {
    return jdbc.sql("select status from webhook_inbox where id = ?")
        .params(row)
        .query(String.class)
        .single();
  }

  private static OrderEvent paid(String orderId) {
    OrderSnapshot order =
        new OrderSnapshot(
            orderId,
            "cust-1",
            "USD",
            List.of(new OrderLine("1", new BigDecimal("10.00"))),
            List.of(),
            "paid",
            false,
            List.of());
    return new OrderEvent(
        0,
        OrderEventKind.PAID,
        WebhookKeys.PAID_EVENT,
        "stuck.myshopify.com",
        orderId,
        order,
        null,
        null,
        null);
  }
}
