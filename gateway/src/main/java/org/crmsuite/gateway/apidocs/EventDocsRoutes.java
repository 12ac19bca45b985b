package org.crmsuite.gateway.apidocs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.crmsuite.gateway.routing.DownstreamService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

import reactor.core.publisher.Mono;

/**
 * Publishes the event contract (issue 8) next to the OpenAPI documents, open without a token like them:
 * <ul>
 *   <li>{@value #DOCUMENT_PATH}: the AsyncAPI 3 document of every topic and message (YAML);</li>
 *   <li>{@code /asyncapi/schemas/<event type>.json}: the JSON Schema of each message, where the document's
 *       {@code $ref}s point;</li>
 *   <li>{@value #INDEX_PATH}: one page linking the Swagger UI, each service's OpenAPI document, the AsyncAPI document
 *       and every schema.</li>
 * </ul>
 * The content is fixed at build time, so answers carry an ETag (a repeated fetch gets 304) and may be cached 5 minutes.
 */
@Configuration(proxyBeanMethods = false)
public class EventDocsRoutes {

    public static final String DOCUMENT_PATH = "/asyncapi/crm-events.yaml";
    public static final String SCHEMAS_PATH = "/asyncapi/schemas/";
    public static final String INDEX_PATH = "/docs";

    /** RFC 9512. */
    static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);
    static final MediaType JSON_SCHEMA = new MediaType("application", "schema+json", StandardCharsets.UTF_8);
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    @Bean
    EventDocs eventDocs() {
        return EventDocs.fromClasspath();
    }

    @Bean
    RouterFunction<ServerResponse> eventDocsRouter(EventDocs docs) {
        byte[] document = docs.document();
        byte[] index = index(docs).getBytes(StandardCharsets.UTF_8);
        return RouterFunctions.route()
                .GET(DOCUMENT_PATH, request -> fixed(request, document, YAML))
                .GET(SCHEMAS_PATH + "{file}", request -> {
                    String file = request.pathVariable("file");
                    byte[] schema = file.endsWith(".json") ? docs.schema(file.substring(0, file.length() - 5)) : null;
                    if (schema == null) {
                        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no event schema " + file));
                    }
                    return fixed(request, schema, JSON_SCHEMA);
                })
                .GET(INDEX_PATH, request -> fixed(request, index, new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)))
                .build();
    }

    private static Mono<ServerResponse> fixed(ServerRequest request, byte[] body, MediaType type) {
        String etag = "\"" + sha256(body) + "\"";
        return request.checkNotModified(etag)
                .switchIfEmpty(Mono.defer(() -> ServerResponse.ok().contentType(type).eTag(etag).cacheControl(CACHE).bodyValue(body)));
    }

    /** A plain page (no scripts, no styles: it is served under the API's strict Content-Security-Policy). */
    static String index(EventDocs docs) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>CRM suite API documentation</title></head><body>
                <h1>CRM suite API documentation</h1>
                <h2>HTTP API (OpenAPI)</h2>
                <ul>
                <li><a href="/swagger-ui.html">Swagger UI</a>: every service's API; "Authorize" signs in with Keycloak</li>
                """);
        for (DownstreamService service : DownstreamService.values()) {
            html.append("<li><a href=\"").append(service.apiDocsPath()).append("\">").append(service.serviceName())
                    .append("</a> (OpenAPI JSON)</li>\n");
        }
        html.append("""
                </ul>
                <h2>Events (AsyncAPI)</h2>
                <ul>
                <li><a href="%s">crm-events.yaml</a>: every Kafka topic and message the suite publishes and consumes
                (AsyncAPI 3; open it in the AsyncAPI Studio or generate clients from it)</li>
                </ul>
                <h3>Message schemas (JSON Schema)</h3>
                <ul>
                """.formatted(DOCUMENT_PATH));
        for (String name : docs.schemaNames()) {
            String escaped = HtmlUtils.htmlEscape(name);
            html.append("<li><a href=\"").append(SCHEMAS_PATH).append(escaped).append(".json\">").append(escaped)
                    .append("</a></li>\n");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
