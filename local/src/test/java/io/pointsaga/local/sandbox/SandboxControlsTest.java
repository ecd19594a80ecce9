package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox controls of SPEC §7: use, forget and show discount codes. */
@SandboxWebTest
class SandboxControlsTest {

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  SandboxClient client;

  @BeforeEach
  void registerShop() {
    client = SandboxClient.forNewShop(port, platform);
  }

  @Test
  void usingACodeCountsAUseThatLookupsReport() {
    client.createdId("USE5");

    HttpResponse<String> firstUse = client.post("/discount-codes/USE5/use", "");
    HttpResponse<String> secondUse = client.post("/discount-codes/use5/use", "");

    assertThat(firstUse.statusCode()).isEqualTo(200);
    assertThat(json(firstUse).path("usageCount").asLong()).isEqualTo(1);
    assertThat(json(secondUse).path("usageCount").asLong()).isEqualTo(2);
    assertThat(json(secondUse).path("state").asText()).isEqualTo("ACTIVE");
    assertThat(
            json(client.lookUp("USE5"))
                .path("data")
                .path("codeDiscountNodeByCode")
                .path("codeDiscount")
                .path("asyncUsageCount")
                .asLong())
        .isEqualTo(2);
    assertThat(json(client.getCode("USE5")).path("usageCount").asLong()).isEqualTo(2);
  }

  @Test
  void usingAnUnknownCodeIs404() {
    HttpResponse<String> response = client.post("/discount-codes/NOPE/use", "");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("discount_code_not_found");
    assertThat(json(response).path("message").asText()).contains("NOPE");
  }

  @Test
  void checkoutRefusesADeactivatedCode() {
    client.deactivate(client.createdId("STOP5"));

    HttpResponse<String> response = client.post("/discount-codes/STOP5/use", "");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).path("error").asText()).isEqualTo("discount_code_not_usable");
    assertThat(json(response).path("message").asText()).contains("DEACTIVATED");
    assertThat(json(client.getCode("STOP5")).path("usageCount").asLong()).isZero();
  }

  @Test
  void checkoutRefusesADeletedCode() {
    client.delete(client.createdId("DEL5"));

    HttpResponse<String> response = client.post("/discount-codes/DEL5/use", "");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).path("message").asText()).contains("DELETED");
  }

  @Test
  void forgottenCodeIsUnknownEverywhereAndCanBeCreatedAgain() {
    String firstId = client.createdId("LOST5");

    HttpResponse<String> forgotten = client.deletePath("/discount-codes/LOST5");

    assertThat(forgotten.statusCode()).isEqualTo(204);
    assertThat(forgotten.body()).isEmpty();
    assertThat(json(client.lookUp("LOST5")))
        .isEqualTo(json("{\"data\":{\"codeDiscountNodeByCode\":null}}"));
    assertThat(client.getCode("LOST5").statusCode()).isEqualTo(404);
    assertThat(
            json(client.deactivate(firstId))
                .path("data")
                .path("discountCodeDeactivate")
                .path("userErrors")
                .path(0)
                .path("code")
                .asText())
        .isEqualTo("INVALID");
    assertThat(client.createdId("LOST5")).isNotEqualTo(firstId);
  }

  @Test
  void forgettingAnUnknownCodeIs404() {
    HttpResponse<String> response = client.deletePath("/discount-codes/NEVER");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("discount_code_not_found");
  }

  @Test
  void showingACodeGivesEveryField() {
    String id = client.createdId("SHOW5");

    HttpResponse<String> response = client.getCode("show5");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode shown = json(response);
    assertThat(shown.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "code", "platformDiscountId", "title", "amount", "state", "usageCount", "createdAt");
    assertThat(shown.path("code").asText()).isEqualTo("SHOW5");
    assertThat(shown.path("platformDiscountId").asText()).isEqualTo(id);
    assertThat(Instant.parse(shown.path("createdAt").asText())).isBeforeOrEqualTo(Instant.now());
  }

  @Test
  void showingAnUnknownCodeIs404() {
    HttpResponse<String> response = client.getCode("UNKNOWN");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("discount_code_not_found");
  }

  @Test
  void listingShowsTheShopsCodesInCreationOrder() {
    client.createdId("A1");
    client.createdId("B2");
    client.deactivate(client.createdId("C3"));

    JsonNode codes = json(client.get("/discount-codes"));

    assertThat(codes.findValuesAsText("code")).containsExactly("A1", "B2", "C3");
    assertThat(codes.findValuesAsText("state")).containsExactly("ACTIVE", "ACTIVE", "DEACTIVATED");
  }

  @Test
  void controlsOfAnUnknownShopAre404() {
    SandboxClient unregistered = SandboxClient.forUnregisteredShop(port);

    assertThat(unregistered.get("/discount-codes").statusCode()).isEqualTo(404);
    assertThat(unregistered.getCode("X").statusCode()).isEqualTo(404);
    assertThat(unregistered.post("/discount-codes/X/use", "").statusCode()).isEqualTo(404);
    assertThat(json(unregistered.deletePath("/discount-codes/X")).path("error").asText())
        .isEqualTo("shop_not_found");
  }
}
