package io.pointsaga.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * JSON logs by configuration (SPEC §12): {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} (the
 * property {@code logging.structured.format.console}) turns the console into one ECS JSON object
 * per line, with the application's name and the line's own text.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

  @SpringBootConfiguration
  static class NothingButLogging {}

  @Test
  void ecsIsOneJsonObjectPerLine(CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(NothingButLogging.class)
            .web(WebApplicationType.NONE)
            .properties(
                "logging.structured.format.console=ecs",
                "spring.application.name=pointsaga-worker",
                "spring.main.banner-mode=off")
            .run()) {
      LoggerFactory.getLogger("io.pointsaga.outcome.SagaOutcomes")
          .info(
              "saga CANCEL_REDEMPTION ended: shop=demo-shop.myshopify.com redemption rdm_1"
                  + " outcome=CANCELLED");
    }

    ObjectMapper json = new ObjectMapper();
    List<String> lines =
        output.getOut().lines().filter(line -> line.contains("saga CANCEL_REDEMPTION")).toList();
    assertThat(lines).hasSize(1);
    JsonNode line = json.readTree(lines.get(0));
    assertThat(line.at("/log/level").asText()).isEqualTo("INFO");
    assertThat(line.at("/log/logger").asText()).isEqualTo("io.pointsaga.outcome.SagaOutcomes");
    assertThat(line.at("/service/name").asText()).isEqualTo("pointsaga-worker");
    assertThat(line.path("message").asText()).contains("outcome=CANCELLED");
    assertThat(line.path("@timestamp").asText()).isNotEmpty();
  }
}
