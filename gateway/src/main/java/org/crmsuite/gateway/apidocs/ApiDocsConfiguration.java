package org.crmsuite.gateway.apidocs;

import java.util.LinkedHashSet;
import java.util.Set;

import org.crmsuite.gateway.routing.DownstreamService;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Swagger UI at {@code /swagger-ui.html} lists every service's OpenAPI document, fetched through the gateway's
 * {@code /v3/api-docs/<key>} routes, so one page documents the whole API and "try it out" goes through the gateway.
 * The list follows {@link DownstreamService}, so a new service cannot be routed but left out of the docs.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    @Bean
    SmartInitializingSingleton serviceApiDocs(ObjectProvider<SwaggerUiConfigProperties> swaggerUi) {
        return () -> swaggerUi.ifAvailable(ui -> {
            if (ui.getUrls() != null && !ui.getUrls().isEmpty()) {
                return; // listed by hand in springdoc.swagger-ui.urls: keep that
            }
            Set<SwaggerUrl> urls = new LinkedHashSet<>();
            for (DownstreamService service : DownstreamService.values()) {
                SwaggerUrl url = new SwaggerUrl();
                url.setName(service.serviceName());
                url.setDisplayName(service.serviceName());
                url.setUrl(service.apiDocsPath());
                urls.add(url);
            }
            ui.setUrls(urls);
            if (ui.getUrlsPrimaryName() == null) {
                ui.setUrlsPrimaryName(DownstreamService.CUSTOMER.serviceName());
            }
        });
    }
}
