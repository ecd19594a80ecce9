package io.pointsaga.starter.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.starter.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Pages for browsers, JSON for the rest, and nothing internal in either. */
class BrowserAnswersTest {
  private static final String CHROME =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  private static CallbackPage page(Object body) {
    return new CallbackPage("Done", List.of(CallbackPage.Paragraph.of(String.valueOf(body))));
  }

  @Test
  void browsersGetPagesOtherClientsJson() {
    assertThat(BrowserAnswers.wantsHtml(CHROME)).isTrue();
    assertThat(BrowserAnswers.wantsHtml("text/html")).isTrue();
    assertThat(BrowserAnswers.wantsHtml("*/*")).isFalse();
    assertThat(BrowserAnswers.wantsHtml(null)).isFalse();
    assertThat(BrowserAnswers.wantsHtml("application/json")).isFalse();
    assertThat(BrowserAnswers.wantsHtml("application/json, text/html;q=0.5")).isFalse();
    assertThat(BrowserAnswers.wantsHtml("text/html;q=0")).isFalse();
    assertThat(BrowserAnswers.wantsHtml("not a media type;;;")).isFalse();
  }

  @Test
  void aSuccessIsAPageWithTheCallbacksStatusNotCached() {
    ResponseEntity<?> answer =
        BrowserAnswers.answer(
            CHROME,
            () -> ResponseEntity.status(HttpStatus.CREATED).body("shop-a"),
            BrowserAnswersTest::page);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(answer.getHeaders().getContentType()).isNotNull();
    assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
    assertThat((String) answer.getBody()).startsWith("<!DOCTYPE html>").contains("shop-a");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 409, 422, 503})
  void aRefusalKeepsItsStatusAndSaysWhatWentWrong(int status) {
    ResponseEntity<?> answer =
        BrowserAnswers.answer(
            CHROME,
            () -> {
              throw new ApiException(
                  HttpStatus.valueOf(status), "some_error", "The state is unknown.");
            },
            BrowserAnswersTest::page);

    assertThat(answer.getStatusCode().value()).isEqualTo(status);
    assertThat((String) answer.getBody())
        .contains("The state is unknown.", "Start the installation again");
  }

  @Test
  void anUnexpectedFailureIsA500PageWithoutItsMessageOrTrace() {
    ResponseEntity<?> answer =
        BrowserAnswers.answer(
            CHROME,
            () -> {
              throw new IllegalStateException("ERROR: relation \"shop\" violates constraint");
            },
            BrowserAnswersTest::page);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat((String) answer.getBody())
        .contains("Something went wrong on our side")
        .doesNotContain("relation", "IllegalStateException", "at io.");
  }

  @Test
  void jsonClientsGetTheCallbacksOwnAnswerAndFailures() {
    ResponseEntity<?> answer =
        BrowserAnswers.answer(
            "application/json", () -> ResponseEntity.ok("json body"), BrowserAnswersTest::page);
    assertThat(answer.getBody()).isEqualTo("json body");

    assertThatThrownBy(
            () ->
                BrowserAnswers.answer(
                    "*/*",
                    () -> {
                      throw ApiException.badRequest("no shop");
                    },
                    BrowserAnswersTest::page))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void everyTextOnAPageIsEscaped() {
    String html =
        new CallbackPage(
                "<b>title</b>",
                List.of(
                    new CallbackPage.Paragraph(
                        "shop <script>alert(1)</script> & co",
                        "https://x.example/?a=\"b\"",
                        "t'k")))
            .html();

    assertThat(html)
        .doesNotContain("<script>", "<b>")
        .contains("&lt;script&gt;", "&amp; co", "&quot;b&quot;", "t&#39;k", "&lt;b&gt;title");
  }
}
