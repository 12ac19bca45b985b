package org.crmsuite.platform.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service documents its API the same way: OpenAPI 3 at {@code /v3/api-docs}, bearer JWT from the realm as
 * the security scheme, title and description from {@code crm.api.*}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class CrmOpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI crmOpenApi(@Value("${crm.api.title:${spring.application.name}}") String title,
                       @Value("${crm.api.description:}") String description,
                       @Value("${crm.api.version:v1}") String version) {
        return new OpenAPI()
                .info(new Info().title(title).description(description).version(version)
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token from the Keycloak realm 'crm' (see the README)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
