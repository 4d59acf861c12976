package org.dialogs.gateway.http;

import java.util.Arrays;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.dialogs.gateway.auth.CurrentUser;
import org.dialogs.gateway.throttle.Throttled;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (and as a page at {@code /swagger-ui.html}): generated
 * from the controllers, with the error answers every endpoint can give and the bearer scheme where it applies.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearerAuth";
    private static final String ERROR_SCHEMA = "#/components/schemas/ApiError";

    static {
        // the caller's id comes from the token, not from a request parameter
        SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentUser.class);
    }

    @Bean
    OpenAPI dialogsOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("a token from POST /login"));
        components.addSchemas("ApiError", new ObjectSchema()
                .addProperty("message", new StringSchema().description("what was wrong"))
                .addProperty("request_id", new StringSchema().description("also in the X-Request-Id header and logs"))
                .addProperty("code", new IntegerSchema().description("the HTTP status"))
                .addRequiredItem("message"));
        return new OpenAPI()
                .info(new Info().title("dialogs").version("1.2.0-dialogs")
                        .description("Private messages of a social network. Compatible with the user and dialog "
                                + "endpoints of the OTUS Highload Architect API 1.2.0; every addition is marked."))
                .components(components);
    }

    /** Model properties in snake_case, as the API's JSON (swagger-core reads models with its own mapper). */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OperationCustomizer errorAnswers() {
        return (Operation operation, HandlerMethod handler) -> {
            ApiResponses responses = operation.getResponses();
            responses.putIfAbsent("400", new ApiResponse().description("Invalid input: the message says what"));
            if (takesCurrentUser(handler)) {
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                responses.putIfAbsent("401", new ApiResponse().description("Missing, invalid or expired token"));
            }
            if (handler.hasMethodAnnotation(Throttled.class)) {
                responses.putIfAbsent("429", new ApiResponse()
                        .description("Too fast: the spam-detector flagged the sender, who is limited "
                                + "(api-gateway.throttle.*) until an operator lifts it (an addition)")
                        .addHeaderObject("Retry-After", retryAfter("seconds until the next message is allowed")));
            }
            responses.putIfAbsent("500", new ApiResponse().description("Internal error"));
            responses.putIfAbsent("503", new ApiResponse().description("Kafka or the database is unavailable")
                    .addHeaderObject("Retry-After", retryAfter("seconds to wait before retrying")));
            responses.forEach((code, response) -> {
                if (!code.startsWith("2") && response.getContent() == null) {
                    response.content(new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref(ERROR_SCHEMA))));
                }
            });
            return operation;
        };
    }

    private static Header retryAfter(String description) {
        return new Header().description(description).schema(new IntegerSchema());
    }

    private static boolean takesCurrentUser(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.hasParameterAnnotation(CurrentUser.class));
    }
}
