package org.crmsuite.gateway.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.crmsuite.platform.web.ProblemType;
import org.crmsuite.platform.web.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the problems the gateway itself answers (401, 403, 404, 503, 504 ...) the way every service does: RFC 9457
 * body from the platform's {@link Problems} with the stable type and a title in the caller's language.
 */
@Component
public class ProblemResponses {

    private final JsonMapper jsonMapper;

    public ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        ProblemDetail problem = Problems.of(type, detail, locale(exchange));
        problem.setInstance(instance(exchange));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(type.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = jsonMapper.writeValueAsBytes(asMap(problem));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /**
     * 502 for a service answer the gateway will not pass on (larger than the response size limit). Not one of the
     * platform's problem types, since only the gateway answers it; the title is in the caller's language too.
     */
    public Mono<Void> writeBadGateway(ServerWebExchange exchange, String detail) {
        Locale locale = locale(exchange);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_GATEWAY, detail);
        problem.setType(URI.create(ProblemType.URN_PREFIX + "bad-gateway"));
        problem.setTitle("zh".equals(locale.getLanguage()) ? "服务响应无效" : "Invalid answer from the service");
        problem.setInstance(instance(exchange));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(org.springframework.http.HttpStatus.BAD_GATEWAY);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(jsonMapper.writeValueAsBytes(asMap(problem)))));
    }

    private static Locale locale(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale != null ? locale : Locale.ENGLISH;
    }

    private static URI instance(ServerWebExchange exchange) {
        try {
            return URI.create(exchange.getRequest().getURI().getRawPath());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The RFC 9457 members by name, independent of how a JSON mapper is configured for {@link ProblemDetail}. */
    private static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
