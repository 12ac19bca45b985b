package org.crmsuite.platform.config;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The suite's defaults ({@code crm-platform-defaults.yaml}: health groups, Prometheus, percentiles, JSON logs,
 * Kafka producer guarantees, trace propagation ...) as the lowest-precedence property source: each service's
 * {@code application.yaml} and the environment override any of them.
 */
public class CrmPlatformDefaults implements EnvironmentPostProcessor, Ordered {

    public static final String NAME = "crm-platform-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load(NAME, new ClassPathResource(NAME + ".yaml"));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + NAME + ".yaml", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
