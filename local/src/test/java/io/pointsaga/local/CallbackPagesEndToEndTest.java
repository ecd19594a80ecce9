package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.shop.Shops;
import io.pointsaga.starter.install.SignedPayloadJwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The callbacks a merchant's browser lands on answer a small HTML page to a browser (success: the
 * shop is installed and where its admin page is; failure: what went wrong, status kept) and JSON to
 * any other client, never a stack trace (SPEC §9).
 */
class CallbackPagesEndToEndTest {
  private static final String BROWSER =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  private static EmbeddedStack stack;
  private static String publicUrl;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    publicUrl =
        "http://localhost:" + stack.context.getEnvironment().getProperty("local.server.port");
  }

  private record Page(int status, String contentType, String body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse("");
    }
  }

  private static Page get(String url, String accept) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<String> response =
          stack.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What every page must not contain: traces, Java names, SQL. */
  private static void assertNoInternals(Page page) {
    assertThat(page.body())
        .doesNotContain("Exception", "at io.", "at java.", "java.lang", "SQL", "<script");
  }

  private static String shopifyCallback() {
    String domain = "pages-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    assertThat(
            stack
                .call(
                    "POST",
                    "/sandbox/shops",
                    Map.of(
                        "domain",
                        domain,
                        "platform",
                        "SHOPIFY",
                        "accessToken",
                        "shpat_" + UUID.randomUUID()),
                    null)
                .status())
        .isEqualTo(201);
    String authorize =
        get(stack.baseUrl + "/shopify/install?shop=" + domain, null).header("Location");
    return get(authorize, null).header("Location");
  }

  @Test
  void theShopifyCallbackShowsABrowserTheInstalledShopAndItsAdminPage() {
    String callback = shopifyCallback();

    Page page = get(callback, BROWSER);

    assertThat(page.status()).isEqualTo(201);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("PointSaga is installed", "<a href=\"" + publicUrl + "/admin/\">")
        .containsPattern("<code>psa_[A-Za-z0-9_-]{43}</code>")
        .contains("ORDERS_PAID ACTIVE");
    assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(page.header("Cache-Control")).contains("no-store");
    assertNoInternals(page);
  }

  @Test
  void aRefusedShopifyCallbackIsA401PageForABrowserAndJsonOtherwise() {
    String callback = shopifyCallback();
    String forged = callback.replaceFirst("hmac=([0-9a-f])", "hmac=x");

    Page page = get(forged, BROWSER);
    Page json = get(forged, "application/json");

    assertThat(page.status()).isEqualTo(401);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body())
        .contains("The installation was refused", "hmac does not match", "Nothing was installed");
    assertNoInternals(page);
    assertThat(json.status()).isEqualTo(401);
    assertThat(json.contentType()).startsWith("application/json");
    assertThat(json.body()).contains("\"error\":\"oauth_rejected\"");
    // the genuine callback still works afterwards, for JSON clients as before
    Page installed = get(callback, null);
    assertThat(installed.status()).isEqualTo(201);
    assertThat(installed.contentType()).startsWith("application/json");
    assertThat(installed.body()).contains("\"adminToken\":\"psa_");
  }

  @Test
  void aShopifyCallbackWithoutAShopIsA400Page() {
    Page page = get(stack.baseUrl + "/shopify/callback?code=x&state=y", BROWSER);

    assertThat(page.status()).isIn(400, 401);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("The installation");
    assertNoInternals(page);
  }

  @Test
  void bigCommerceAuthAndLoadAnswerABrowserWithPagesAndRefuseABadJwtWithA401Page() {
    String hash = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    Page auth =
        get(
            stack.baseUrl
                + "/bigcommerce/auth?code=good-"
                + hash
                + "&scope=store_v2_orders_read_only&context=stores%2F"
                + hash,
            BROWSER);
    Page load =
        get(
            stack.baseUrl
                + "/bigcommerce/load?signed_payload_jwt="
                + jwt(hash, BigCommerceAppStub.CLIENT_SECRET),
            BROWSER);
    Page forged =
        get(
            stack.baseUrl + "/bigcommerce/load?signed_payload_jwt=" + jwt(hash, "not-the-secret"),
            BROWSER);
    Page missingCode = get(stack.baseUrl + "/bigcommerce/auth?context=stores%2F" + hash, BROWSER);

    assertThat(auth.status()).isEqualTo(201);
    assertThat(auth.body())
        .contains("PointSaga is installed", "store-" + hash + ".mybigcommerce.com")
        .contains(publicUrl + "/admin/");
    assertThat(load.status()).isEqualTo(200);
    assertThat(load.contentType()).startsWith("text/html");
    assertThat(load.body()).contains("PointSaga is installed on store store-" + hash);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body()).contains("The installation was refused", "signed_payload_jwt");
    assertThat(missingCode.status()).isEqualTo(400);
    assertThat(missingCode.body()).contains("are required: install the app again from BigCommerce");
    for (Page page : new Page[] {auth, load, forged, missingCode}) {
      assertNoInternals(page);
    }
    assertThat(
            stack.context.getBean(Shops.class).findByDomain("store-" + hash + ".mybigcommerce.com"))
        .isPresent();
  }

  private static String jwt(String hash, String secret) {
    long now = Instant.now().getEpochSecond();
    return SignedPayloadJwt.sign(
        "{\"aud\":\""
            + BigCommerceAppStub.CLIENT_ID
            + "\",\"iss\":\"bc\",\"iat\":"
            + now
            + ",\"nbf\":"
            + (now - 5)
            + ",\"exp\":"
            + (now + 60)
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"sub\":\"stores/"
            + hash
            + "\",\"user\":{\"id\":1,\"email\":\"owner@example.com\"},\"owner\":{\"id\":1}}",
        secret);
  }
}
