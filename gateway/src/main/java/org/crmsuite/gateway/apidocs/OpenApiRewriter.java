package org.crmsuite.gateway.apidocs;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a service's OpenAPI document usable from the gateway's Swagger UI: "try it out" goes to the gateway
 * ({@code servers: [/]}), and an OAuth2 scheme {@value #SCHEME} (authorization code with PKCE against the Keycloak
 * realm, public client {@code crm-web}) is added next to the service's plain bearer scheme, so the Authorize button
 * can sign in. A document without {@code externalDocs} gets a link to the docs page ({@code /docs}), which lists the
 * AsyncAPI document of the suite's events next to the OpenAPI documents (Swagger UI shows it under the title).
 * Anything that is not a JSON object passes unchanged.
 */
@Component
public class OpenApiRewriter {

    public static final String SCHEME = "keycloak";

    private final JsonMapper jsonMapper;
    private final ApiDocsProperties properties;

    public OpenApiRewriter(JsonMapper jsonMapper, ApiDocsProperties properties) {
        this.jsonMapper = jsonMapper;
        this.properties = properties;
    }

    public byte[] rewrite(byte[] document) {
        JsonNode root;
        try {
            root = jsonMapper.readTree(document);
        } catch (JacksonException e) {
            return document;
        }
        if (!(root instanceof ObjectNode openApi) || !openApi.has("openapi")) {
            return document;
        }
        ArrayNode servers = openApi.putArray("servers");
        servers.addObject().put("url", "/").put("description", "the CRM gateway");

        ObjectNode components = openApi.has("components") && openApi.get("components") instanceof ObjectNode c
                ? c : openApi.putObject("components");
        ObjectNode schemes = components.has("securitySchemes") && components.get("securitySchemes") instanceof ObjectNode s
                ? s : components.putObject("securitySchemes");
        ObjectNode keycloak = schemes.putObject(SCHEME);
        keycloak.put("type", "oauth2");
        keycloak.put("description", "Sign in with the CRM realm (authorization code with PKCE, client crm-web)");
        ObjectNode code = keycloak.putObject("flows").putObject("authorizationCode");
        code.put("authorizationUrl", properties.authorizationUrl());
        code.put("tokenUrl", properties.tokenUrl());
        code.put("refreshUrl", properties.tokenUrl());
        code.putObject("scopes").put("openid", "OpenID Connect sign-in");

        if (!openApi.has("externalDocs")) {
            openApi.putObject("externalDocs")
                    .put("description", "All API documentation, including the events (AsyncAPI " + EventDocsRoutes.DOCUMENT_PATH + ")")
                    .put("url", EventDocsRoutes.INDEX_PATH);
        }

        ArrayNode security = openApi.has("security") && openApi.get("security") instanceof ArrayNode a
                ? a : openApi.putArray("security");
        security.addObject().putArray(SCHEME).add("openid");
        return jsonMapper.writeValueAsBytes(openApi);
    }
}
