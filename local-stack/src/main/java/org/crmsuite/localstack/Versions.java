package org.crmsuite.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions the build wrote into {@code local-stack.properties}. */
final class Versions {

    private static final Properties PROPERTIES = load();

    static String keycloak() {
        return PROPERTIES.getProperty("keycloak.version");
    }

    private static Properties load() {
        try (InputStream in = Versions.class.getResourceAsStream("local-stack.properties")) {
            if (in == null) {
                throw new IllegalStateException("local-stack.properties is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Versions() {
    }
}
