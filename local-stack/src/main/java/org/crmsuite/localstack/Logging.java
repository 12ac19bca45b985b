package org.crmsuite.localstack;

import java.nio.file.Path;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Points the launcher JVM's logging (Kafka, MongoDB, GreenMail, PostgreSQL's wrapper) at the state folder's logs. */
final class Logging {

    static void configure(Path logs) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding won: leave its configuration alone
        }
        context.reset();
        context.putProperty("LOGS", logs.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(Logging.class.getResource("local-stack-logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging", e);
        }
    }

    private Logging() {
    }
}
