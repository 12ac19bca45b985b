package org.crmsuite.gateway.accesslog;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Puts the access log behind Logback's {@link AsyncAppender}: the request's event loop only hands the line (with its
 * MDC, trace and span ids included) to a queue, and a worker thread ({@code AsyncAppender-Worker-crm-access-*}) encodes
 * the JSON and writes it through the same appenders as every other line (the root logger's, normally the console).
 * Encoding and writing were nearly all of the access log's cost on the event loop.
 *
 * <p>No line is dropped: Logback's default of discarding INFO lines when the queue is 80 % full is turned off, and a
 * full queue makes the event loop wait, as writing directly would. Boot's logging shutdown hook stops the appender,
 * which writes what is still queued (up to 1 s). (Not stopped with the application context: Logback's async appender
 * stops the appender it feeds, here the shared console.)
 * {@code crm.gateway.access-log.async=false} keeps the direct write.
 */
@Component
class AsyncAccessLog implements InitializingBean {

    static final String APPENDER_PREFIX = "crm-access-";

    private final AccessLogProperties properties;

    AsyncAccessLog(AccessLogProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.async() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger access = context.getLogger(AccessLogFilter.LOGGER);
        for (var it = access.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next().getName().startsWith(APPENDER_PREFIX)) {
                return; // already in place (another application context in the same JVM, as in tests)
            }
        }
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(targets::add);
        if (targets.isEmpty()) {
            return;
        }
        // One async appender per target: Logback's AsyncAppender feeds exactly one appender.
        for (Appender<ILoggingEvent> target : targets) {
            AsyncAppender async = new AsyncAppender();
            async.setContext(context);
            async.setName(APPENDER_PREFIX + target.getName());
            async.setQueueSize(properties.queueSize());
            async.setDiscardingThreshold(0);
            async.setNeverBlock(false);
            async.setIncludeCallerData(false);
            async.addAppender(target);
            async.start();
            access.addAppender(async);
        }
        access.setAdditive(false);
    }
}
