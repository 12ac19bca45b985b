package org.crmsuite.platform.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param personalDataRoles roles that see personal data unmasked
 * @param publicPaths       paths open without a token besides health, metrics and API docs
 */
@ConfigurationProperties("crm.security")
public record SecurityProperties(Set<String> personalDataRoles, List<String> publicPaths) {

    public SecurityProperties {
        personalDataRoles = personalDataRoles == null ? PersonalDataPolicy.DEFAULT_ROLES : Set.copyOf(personalDataRoles);
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
