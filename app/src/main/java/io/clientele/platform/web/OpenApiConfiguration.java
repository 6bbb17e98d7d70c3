package io.clientele.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its one security scheme: an API token as a bearer token. */
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
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiToken",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API token; its scopes limit what it may call")))
                .addSecurityItem(new SecurityRequirement().addList("apiToken"));
    }
}
