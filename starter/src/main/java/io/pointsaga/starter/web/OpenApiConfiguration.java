package io.pointsaga.starter.web;

import io.pointsaga.shop.Shop;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} (browsable at {@code /swagger-ui.html}): the
 * admin API, the operator API and the webhooks (SPEC §8). Besides what springdoc reads from the
 * handlers, this adds what they cannot say: the {shop} path parameter (resolved from the token, not
 * a {@code @PathVariable}), realistic patterns and examples for path parameters, the bearer
 * schemes, and the {@code {"error", "message"}} answers every operation can give.
 */
@Configuration
class OpenApiConfiguration {
  static final String ADMIN_TOKEN = "adminToken";
  static final String OPERATOR_TOKEN = "operatorToken";
  private static final String ERROR_SCHEMA = "ApiError";
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

  static {
    // the authenticated shop comes from the token, not from the request's parameters
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Shop.class);
  }

  @Bean
  OpenAPI pointSagaOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("PointSaga")
                .version("v1")
                .description(
                    "Loyalty points: the admin API (a shop's admin token), the operator API (the"
                        + " operator token) and the platforms' webhooks (signed). Errors are"
                        + " {\"error\", \"message\"}."))
        .components(
            new Components()
                .addSecuritySchemes(
                    ADMIN_TOKEN,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("The shop's admin token; it sees only its own shop"))
                .addSecuritySchemes(
                    OPERATOR_TOKEN,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("The operator token (POINTSAGA_OPERATOR_TOKEN)")));
  }

  @Bean
  OpenApiCustomizer pointSagaOperations() {
    return openApi -> {
      openApi
          .getComponents()
          .addSchemas(
              ERROR_SCHEMA,
              new ObjectSchema()
                  .addProperty(
                      "error", new StringSchema().example("bad_request").description("code"))
                  .addProperty(
                      "message", new StringSchema().description("what happened and what to do"))
                  .required(List.of("error", "message")));
      openApi.getPaths().forEach(OpenApiConfiguration::describePath);
      if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
        openApi.getComponents().getSchemas().forEach(OpenApiConfiguration::allowNulls);
      }
    };
  }

  private static void describePath(String path, PathItem item) {
    item.readOperationsMap()
        .forEach(
            (method, operation) -> {
              pathParameters(path, operation);
              if (OperatorAuthentication.isOperatorRequest(method.name(), path)) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(OPERATOR_TOKEN)));
              } else if (path.startsWith("/api/v1/shops")) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(ADMIN_TOKEN)));
              } else if (path.startsWith("/webhooks/")) {
                webhook(path, operation);
              }
              errors(method.name(), path, operation);
            });
  }

  /** Every {variable} of the path as a required path parameter with its pattern and example. */
  private static void pathParameters(String path, Operation operation) {
    List<Parameter> parameters =
        operation.getParameters() == null ? new ArrayList<>() : operation.getParameters();
    Matcher variables = PATH_VARIABLE.matcher(path);
    while (variables.find()) {
      String name = variables.group(1);
      Parameter parameter =
          parameters.stream()
              .filter(p -> "path".equals(p.getIn()) && name.equals(p.getName()))
              .findFirst()
              .orElseGet(
                  () -> {
                    Parameter added = new Parameter().in("path").name(name);
                    parameters.add(0, added);
                    return added;
                  });
      parameter.required(true);
      switch (name) {
        case "shop" ->
            parameter
                .description("The shop's platform domain; the admin token must be this shop's")
                .example(PathPatterns.SHOP_EXAMPLE)
                .schema(new StringSchema().pattern(PathPatterns.SHOP).maxLength(253));
        case "customerId" ->
            parameter
                .description("The platform's own customer id")
                .example(PathPatterns.CUSTOMER_ID_EXAMPLE)
                .schema(new StringSchema().pattern(PathPatterns.CUSTOMER_ID).maxLength(64));
        case "redemptionId" ->
            parameter
                .description("A redemption id as answered by POST .../redemptions")
                .example(PathPatterns.REDEMPTION_ID_EXAMPLE)
                .schema(new StringSchema().pattern(PathPatterns.REDEMPTION_ID));
        case "rewardId" ->
            parameter
                .description("A reward id as answered by POST .../rewards")
                .example(1)
                .schema(new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ONE));
        default -> {
          if (parameter.getSchema() == null) {
            parameter.schema(new StringSchema());
          }
        }
      }
    }
    operation.setParameters(parameters);
  }

  /** Webhooks: a signed JSON body of the platform's shape; no bearer token. */
  private static void webhook(String path, Operation operation) {
    operation.setSecurity(List.of());
    operation.setDescription(
        path.endsWith("shopify")
            ? "Shopify webhook: the raw body signed with the shop's webhook secret"
                + " (X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256). 401 for a bad signature,"
                + " 400 for a malformed payload, 200 for duplicates."
            : "BigCommerce webhook: ids only, authenticated by the custom headers set at"
                + " subscription. 401 when they do not match, 400 for a malformed payload.");
    operation.setRequestBody(
        new io.swagger.v3.oas.models.parameters.RequestBody()
            .required(true)
            .content(
                new Content()
                    .addMediaType(
                        "application/json",
                        new MediaType()
                            .schema(
                                new ObjectSchema()
                                    .description("The platform's payload, as it sends it")))));
  }

  /** The error answers an operation can give, each {@code {"error", "message"}}. */
  private static void errors(String method, String path, Operation operation) {
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("400", "The request is not valid; the message names the field");
    errors.put("401", "No valid token (or, for webhooks, no valid signature)");
    if (OperatorAuthentication.isOperatorRequest(method, path)) {
      errors.put("403", "No operator token is configured on this node");
    }
    errors.put("404", "No such shop, customer, reward or redemption (for this token)");
    if (operation.getRequestBody() != null) {
      errors.put("415", "The body is not application/json");
      errors.put("422", "Refused: not enough points, Idempotency-Key reused with another body");
    }
    if (path.equals(OperatorAuthentication.SHOPS_API) && "POST".equals(method)) {
      errors.put("409", "The shop is already installed and active");
      errors.put("422", "The platform rejected the credentials (platform_credentials_rejected)");
    }
    if (path.equals(OperatorAuthentication.SHOPS_API) || path.contains("webhook-subscriptions")) {
      errors.put("502", "The platform refused a request or answered in an unexpected way");
    }
    if (path.contains("redemptions")) {
      errors.put("502", "The platform refused to create the coupon");
    }
    errors.put("503", "The workflow service cannot be reached right now");
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    errors.forEach(
        (code, description) -> {
          if (!responses.containsKey(code)) {
            responses.addApiResponse(
                code,
                new ApiResponse()
                    .description(description)
                    .content(
                        new Content()
                            .addMediaType(
                                "application/json",
                                new MediaType()
                                    .schema(
                                        new Schema<>()
                                            .$ref("#/components/schemas/" + ERROR_SCHEMA)))));
          }
        });
    operation.setResponses(responses);
  }

  /**
   * Answers write absent values as null: a property of an answer's schema that is not required may
   * be null. Request schemas ({@code ...Request}) stay as the handlers declare them.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void allowNulls(String name, Schema schema) {
    if (name.endsWith("Request") || name.equals(ERROR_SCHEMA) || schema.getProperties() == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    ((Map<String, Schema>) schema.getProperties())
        .forEach(
            (property, propertySchema) -> {
              if (!required.contains(property) && propertySchema.get$ref() == null) {
                propertySchema.setNullable(true);
              }
            });
  }
}
