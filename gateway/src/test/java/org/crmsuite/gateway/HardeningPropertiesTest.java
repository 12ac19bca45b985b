package org.crmsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.crmsuite.gateway.accesslog.AccessLogProperties;
import org.crmsuite.gateway.apidocs.ApiDocsProperties;
import org.crmsuite.gateway.clientaddress.ForwardedProperties;
import org.crmsuite.gateway.edge.CorsProperties;
import org.crmsuite.gateway.edge.SecurityHeadersProperties;
import org.crmsuite.gateway.edge.SizeLimitProperties;
import org.crmsuite.gateway.ratelimit.RateLimitProperties;
import org.crmsuite.gateway.resilience.ResilienceProperties;
import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.gateway.security.TokenCacheProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The hardening settings (rate limits, retries, size limits, CORS, headers, API docs): defaults and bad values. */
class HardeningPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({RateLimitProperties.class, ResilienceProperties.class, SizeLimitProperties.class,
            CorsProperties.class, SecurityHeadersProperties.class, ApiDocsProperties.class, ForwardedProperties.class,
            TokenCacheProperties.class, AccessLogProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("crm.gateway.api-docs.issuer-uri=http://127.0.0.1:8180/realms/crm");

    @Test
    void defaults_limit_in_memory_retry_reads_and_keep_cors_off() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            RateLimitProperties limits = context.getBean(RateLimitProperties.class);
            assertThat(limits.store()).isEqualTo(RateLimitProperties.Store.IN_MEMORY);
            assertThat(limits.limitsFor(DownstreamService.CUSTOMER))
                    .isEqualTo(new RateLimitProperties.Limits(RateLimitProperties.DEFAULT_PER_USER, RateLimitProperties.DEFAULT_PER_CLIENT));
            ResilienceProperties resilience = context.getBean(ResilienceProperties.class);
            assertThat(resilience.retry().retries()).isEqualTo(2);
            assertThat(resilience.connectTimeoutFor(DownstreamService.SALES)).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.getBean(SizeLimitProperties.class).request()).isEqualTo(DataSize.ofMegabytes(10));
            assertThat(context.getBean(SizeLimitProperties.class).requestBytesFor(DownstreamService.TICKET))
                    .isEqualTo(DataSize.ofMegabytes(10).toBytes());
            assertThat(context.getBean(CorsProperties.class).enabled()).isFalse();
            assertThat(context.getBean(ForwardedProperties.class).trustedProxies()).isEmpty();
            assertThat(context.getBean(TokenCacheProperties.class))
                    .isEqualTo(new TokenCacheProperties(true, Duration.ofSeconds(60), 10_000));
            assertThat(context.getBean(AccessLogProperties.class)).isEqualTo(new AccessLogProperties(true, 8192));
            assertThat(context.getBean(ApiDocsProperties.class).tokenUrl())
                    .isEqualTo("http://127.0.0.1:8180/realms/crm/protocol/openid-connect/token");
        });
    }

    @Test
    void a_route_override_replaces_only_what_it_names() {
        runner.withPropertyValues("crm.gateway.rate-limits.store=redis",
                        "crm.gateway.rate-limits.routes.analytics.per-user.capacity=10",
                        "crm.gateway.rate-limits.routes.analytics.per-user.replenish-per-second=2",
                        "crm.gateway.resilience.service-connect-timeouts.analytics=500ms",
                        "crm.gateway.size-limits.routes.ticket.request=25MB",
                        "crm.gateway.size-limits.routes.analytics.response=200MB",
                        "crm.gateway.forwarded.trusted-proxies=10.0.0.0/8,fd00::/8")
                .run(context -> {
                    RateLimitProperties limits = context.getBean(RateLimitProperties.class);
                    assertThat(limits.store()).isEqualTo(RateLimitProperties.Store.REDIS);
                    assertThat(limits.limitsFor(DownstreamService.ANALYTICS))
                            .isEqualTo(new RateLimitProperties.Limits(new RateLimitProperties.Limit(10, 2), RateLimitProperties.DEFAULT_PER_CLIENT));
                    assertThat(limits.limitsFor(DownstreamService.SALES).perUser()).isEqualTo(RateLimitProperties.DEFAULT_PER_USER);
                    assertThat(context.getBean(ResilienceProperties.class).connectTimeoutFor(DownstreamService.ANALYTICS))
                            .isEqualTo(Duration.ofMillis(500));
                    SizeLimitProperties sizes = context.getBean(SizeLimitProperties.class);
                    assertThat(sizes.requestBytesFor(DownstreamService.TICKET)).isEqualTo(DataSize.ofMegabytes(25).toBytes());
                    assertThat(sizes.responseBytesFor(DownstreamService.TICKET)).isEqualTo(DataSize.ofMegabytes(50).toBytes());
                    assertThat(sizes.requestBytesFor(DownstreamService.ANALYTICS)).isEqualTo(DataSize.ofMegabytes(10).toBytes());
                    assertThat(sizes.responseBytesFor(DownstreamService.ANALYTICS)).isEqualTo(DataSize.ofMegabytes(200).toBytes());
                    assertThat(context.getBean(ForwardedProperties.class).trustedProxies()).containsExactly("10.0.0.0/8", "fd00::/8");
                });
    }

    @Test
    void bad_values_fail_the_start_naming_the_setting() {
        runner.withPropertyValues("crm.gateway.rate-limits.routes.billing.per-user.capacity=5",
                        "crm.gateway.rate-limits.routes.billing.per-user.replenish-per-second=1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.rate-limits.routes.billing"));
        runner.withPropertyValues("crm.gateway.rate-limits.per-user.capacity=5",
                        "crm.gateway.rate-limits.per-user.replenish-per-second=50")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be at least its replenish-per-second"));
        runner.withPropertyValues("crm.gateway.cors.allowed-origins=*")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.cors.allowed-origins"));
        runner.withPropertyValues("crm.gateway.size-limits.routes.billing.request=1MB")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.size-limits.routes.billing"));
        runner.withPropertyValues("crm.gateway.forwarded.trusted-proxies=lb.internal")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.forwarded.trusted-proxies"));
        runner.withPropertyValues("crm.gateway.token-cache.ttl=1h")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.token-cache.ttl"));
        runner.withPropertyValues("crm.gateway.token-cache.max-entries=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.token-cache.max-entries"));
        runner.withPropertyValues("crm.gateway.resilience.service-connect-timeouts.billing=1s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.resilience.service-connect-timeouts.billing"));
    }
}
