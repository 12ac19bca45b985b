package org.crmsuite.gateway.apidocs;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the Swagger UI signs in ({@code crm.gateway.api-docs.*}).
 *
 * @param issuerUri the Keycloak realm as the browser reaches it (authorization and token endpoints are derived from
 *                  it); defaults to the resource server's issuer-uri
 */
@Validated
@ConfigurationProperties("crm.gateway.api-docs")
public record ApiDocsProperties(@NotNull URI issuerUri) {

    public ApiDocsProperties {
        if (issuerUri != null && (issuerUri.getScheme() == null || issuerUri.getRawAuthority() == null)) {
            throw new IllegalArgumentException("crm.gateway.api-docs.issuer-uri must be an absolute URL such as "
                    + "http://127.0.0.1:8180/realms/crm, got " + issuerUri);
        }
    }

    public String authorizationUrl() {
        return endpoint("auth");
    }

    public String tokenUrl() {
        return endpoint("token");
    }

    private String endpoint(String name) {
        String base = issuerUri.toString();
        return (base.endsWith("/") ? base : base + "/") + "protocol/openid-connect/" + name;
    }
}
