package org.crmsuite.notification.directory;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.crmsuite.notification.config.NotificationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** The configured directory, or Keycloak in front of it when {@code crm.notification.directory.keycloak.enabled}. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean
    UserDirectory userDirectory(NotificationProperties properties, JsonMapper json, Clock clock, MeterRegistry meters) {
        UserDirectory configured = new ConfiguredUserDirectory(properties.directory());
        NotificationProperties.Keycloak keycloak = properties.directory().keycloak();
        return keycloak.enabled() ? new KeycloakUserDirectory(keycloak, configured, json, clock, meters) : configured;
    }
}
