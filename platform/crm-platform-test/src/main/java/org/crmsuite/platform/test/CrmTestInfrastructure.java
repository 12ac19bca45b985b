package org.crmsuite.platform.test;

import java.util.List;

import com.mongodb.ConnectionString;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Publishes the shared embedded infrastructure to a Spring test context as Spring Boot {@code ConnectionDetails}
 * beans, the way Testcontainers' {@code @ServiceConnection} does: a test says {@code @UsePostgres @UseKafka} and
 * carries no URLs or ports. Registered in {@code META-INF/spring.factories}.
 */
public class CrmTestInfrastructure implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean postgres = TestContextAnnotationUtils.hasAnnotation(testClass, UsePostgres.class);
        boolean kafka = TestContextAnnotationUtils.hasAnnotation(testClass, UseKafka.class);
        boolean mongo = TestContextAnnotationUtils.hasAnnotation(testClass, UseMongo.class);
        boolean issuer = TestContextAnnotationUtils.hasAnnotation(testClass, UseTestIssuer.class);
        if (!postgres && !kafka && !mongo && !issuer) {
            return null;
        }
        return new Customizer(postgres, kafka, mongo, issuer);
    }

    private record Customizer(boolean postgres, boolean kafka, boolean mongo, boolean issuer) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            String name = ClassUtils.getShortName(config.getTestClass());
            if (postgres) {
                String url = SharedPostgres.newDatabase(name);
                beans.registerSingleton("crmTestJdbcConnectionDetails", new JdbcConnectionDetails() {
                    @Override
                    public String getUsername() {
                        return SharedPostgres.username();
                    }

                    @Override
                    public String getPassword() {
                        return null;
                    }

                    @Override
                    public String getJdbcUrl() {
                        return url;
                    }
                });
            }
            if (kafka) {
                String servers = SharedKafka.bootstrapServers();
                beans.registerSingleton("crmTestKafkaConnectionDetails",
                        (KafkaConnectionDetails) () -> List.of(servers.split(",")));
            }
            if (mongo) {
                ConnectionString uri = new ConnectionString(SharedMongo.newDatabaseUri(name));
                beans.registerSingleton("crmTestMongoConnectionDetails", (MongoConnectionDetails) () -> uri);
            }
            if (issuer) {
                TestPropertyValues.of("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.get().issuer())
                        .applyTo(context);
            }
        }
    }
}
