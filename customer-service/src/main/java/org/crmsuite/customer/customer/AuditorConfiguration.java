package org.crmsuite.customer.customer;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who changed a record: the caller's user id, or "system" for background work (imports, consumers). */
@Configuration(proxyBeanMethods = false)
class AuditorConfiguration {

    @Bean
    AuditorAware<String> auditor() {
        return () -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return Optional.of(authentication != null && authentication.isAuthenticated() ? authentication.getName() : "system");
        };
    }
}
