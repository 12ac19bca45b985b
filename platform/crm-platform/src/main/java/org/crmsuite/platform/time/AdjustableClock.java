package org.crmsuite.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock moved forward by an offset that only grows. For the local stack and end-to-end journeys: "four
 * business hours later" (an SLA warning, a breach, an activity reminder) without waiting four hours. Never enabled in
 * production (see {@code crm.clock.adjustable}). Time never goes back, because schedulers and SLA arithmetic assume
 * it does not.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private AdjustableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = base;
        this.offset = offset;
    }

    /** Moves time forward by {@code by}; returns the new offset from the system clock. */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got " + by);
        }
        return offset.accumulateAndGet(by, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offset); // one offset for every view of this clock
    }
}
