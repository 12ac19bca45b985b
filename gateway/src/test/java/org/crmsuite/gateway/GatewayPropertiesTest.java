package org.crmsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.crmsuite.gateway.resilience.ResilienceProperties;
import org.crmsuite.gateway.routing.DownstreamService;
import org.crmsuite.gateway.routing.ServiceUrls;
import org.crmsuite.gateway.security.RouteAccess;
import org.crmsuite.platform.security.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The typed settings: their defaults, and a bad value stopping the start with the setting's name. */
class GatewayPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ServiceUrls.class, RouteAccess.class, ResilienceProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaults_point_at_the_local_stack_and_hold_the_role_table() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ServiceUrls urls = context.getBean(ServiceUrls.class);
            assertThat(urls.of(DownstreamService.CUSTOMER)).isEqualTo(URI.create("http://127.0.0.1:8081"));
            assertThat(urls.of(DownstreamService.NOTIFICATION)).isEqualTo(URI.create("http://127.0.0.1:8085"));

            RouteAccess access = context.getBean(RouteAccess.class);
            assertThat(access.rolesFor(DownstreamService.CUSTOMER)).hasSize(9);
            assertThat(access.rolesFor(DownstreamService.TICKET))
                    .containsExactlyInAnyOrder(Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN, Roles.INTEGRATION);
            assertThat(access.rolesFor(DownstreamService.SALES))
                    .containsExactlyInAnyOrder(Roles.SALES_REP, Roles.SALES_MANAGER, Roles.MARKETING, Roles.CRM_ADMIN, Roles.INTEGRATION);
            assertThat(access.rolesFor(DownstreamService.ANALYTICS))
                    .containsExactlyInAnyOrder(Roles.ANALYST, Roles.SALES_MANAGER, Roles.SERVICE_MANAGER, Roles.CRM_ADMIN,
                            Roles.DATA_STEWARD, Roles.SALES_REP, Roles.SERVICE_AGENT, Roles.MARKETING)
                    .as("integration clients publish events; they read no KPIs").doesNotContain(Roles.INTEGRATION);
            assertThat(access.anyAuthenticated(DownstreamService.NOTIFICATION)).isTrue();

            ResilienceProperties resilience = context.getBean(ResilienceProperties.class);
            assertThat(resilience.timeoutFor("customer-service")).isEqualTo(Duration.ofSeconds(10));
            assertThat(resilience.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void settings_bind_from_the_environment_style_names() {
        runner.withPropertyValues("crm.gateway.services.ticket=http://ticket-service.crm.svc:8080",
                        "crm.gateway.access.sales=sales-manager,crm-admin",
                        "crm.gateway.resilience.service-timeouts.analytics=30s")
                .run(context -> {
                    assertThat(context.getBean(ServiceUrls.class).of(DownstreamService.TICKET))
                            .isEqualTo(URI.create("http://ticket-service.crm.svc:8080"));
                    assertThat(context.getBean(RouteAccess.class).rolesFor(DownstreamService.SALES))
                            .containsExactlyInAnyOrder(Roles.SALES_MANAGER, Roles.CRM_ADMIN);
                    ResilienceProperties resilience = context.getBean(ResilienceProperties.class);
                    assertThat(resilience.timeoutFor("analytics-service")).isEqualTo(Duration.ofSeconds(30));
                    assertThat(resilience.timeoutFor("sales-service")).isEqualTo(Duration.ofSeconds(10));
                });
    }

    @Test
    void a_malformed_service_url_fails_the_start_naming_the_setting() {
        runner.withPropertyValues("crm.gateway.services.customer=127.0.0.1:8081/api").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.services.customer")
                        .hasMessageContaining("base URL"));
    }

    @Test
    void an_unknown_role_or_an_empty_role_list_fails_the_start() {
        runner.withPropertyValues("crm.gateway.access.ticket=service-agnet").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.access.ticket").hasMessageContaining("service-agnet"));
        runner.withPropertyValues("crm.gateway.access.ticket=").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("crm.gateway.access.ticket"));
    }

    @Test
    void a_timeout_for_an_unknown_service_fails_the_start() {
        runner.withPropertyValues("crm.gateway.resilience.service-timeouts.tickets=5s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("crm.gateway.resilience.service-timeouts.tickets"));
    }
}
