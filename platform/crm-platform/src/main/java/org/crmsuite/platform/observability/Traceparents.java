package org.crmsuite.platform.observability;

import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/** The W3C {@code traceparent} of the current span, stored with outbox events so the trace continues after the relay. */
public final class Traceparents {

    public static Supplier<String> from(Tracer tracer) {
        return () -> {
            Span span = tracer == null ? null : tracer.currentSpan();
            if (span == null) {
                return null;
            }
            TraceContext context = span.context();
            return "00-" + context.traceId() + "-" + context.spanId() + "-" + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
        };
    }

    private Traceparents() {
    }
}
