package io.clientele.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
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
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: its title, its one security scheme (an API token as a bearer token), and the errors every
 * operation can answer, declared on each as RFC 9457 problem details — 400 (a parameter or field named), 401, 403,
 * 404 where the path names a record, 409 where the operation writes, 429 (the token's rate limit) — so that a new
 * endpoint is documented with them without anyone remembering to.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI clienteleOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Clientele API")
                        .version("v1")
                        .description("REST API of Clientele, the open-source marketing CRM. Authenticate with an API "
                                + "token created by an administrator (Authorization: Bearer clt_...).")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .servers(List.of(new Server().url("/").description("this Clientele server")))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiToken",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token; its scopes limit what it may call")))
                .addSecurityItem(new SecurityRequirement().addList("apiToken"));
    }

    private static final String PROBLEM = "Problem";

    /** What each error means, by status. */
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Invalid input: `detail` names the parameter or field, `errors` lists each with a code",
            "401", "No credentials, or an unknown or revoked token",
            "403", "The role or the token's scopes do not allow the call (or a session call lacks its CSRF token)",
            "404", "No such record",
            "409", "The call conflicts with the record's state or another record (a name taken, a status passed)",
            "429", "The token's rate limit is used up: retry after the Retry-After header's seconds");

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            // added here, after springdoc has collected the schemas of the controllers' types
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        declare(operation, "400", "401", "403", "429");
                        if (path.contains("{")) {
                            declare(operation, "404");
                        }
                        if (method != PathItem.HttpMethod.GET) {
                            declare(operation, "409");
                        }
                    }));
        };
    }

    private static void declare(Operation operation, String... statuses) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        for (String status : statuses) {
            ApiResponse declared = operation.getResponses().get(status);
            ApiResponse response = declared != null ? declared : new ApiResponse().description(ERRORS.get(status));
            if (response.getContent() == null) {
                response.setContent(new Content());
            }
            response.getContent()
                    .putIfAbsent(
                            "application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
            response.getContent().remove("*/*");
            operation.getResponses().addApiResponse(status, response);
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("400: every invalid field")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema())
                                        .addProperty("code", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }
}
