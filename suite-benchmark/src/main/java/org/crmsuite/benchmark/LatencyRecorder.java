package org.crmsuite.benchmark;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HdrHistogram-like latency recorder: log-linear buckets (a power-of-two range split into 64 linear sub-buckets,
 * so every value is kept to within 1/64 = 1.6 %), lock-free, fixed memory whatever the number of samples. Values are
 * microseconds from 1 µs to about 2^38 µs (76 hours); larger ones go into the last bucket. Also counts errors.
 */
public final class LatencyRecorder {

    static final int SUB_BUCKET_BITS = 6;
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    static final int MAGNITUDES = 33;

    private final AtomicLongArray counts = new AtomicLongArray((MAGNITUDES + 1) * SUB_BUCKETS);
    private final LongAdder samples = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private volatile long maxMicros;

    /** Records one successful request that took this many microseconds. */
    public void record(long micros) {
        long value = Math.max(1, micros);
        counts.incrementAndGet(index(value));
        samples.increment();
        sumMicros.add(value);
        if (value > maxMicros) {
            synchronized (this) {
                maxMicros = Math.max(maxMicros, value);
            }
        }
    }

    /** Records one request that failed (its latency is not part of the percentiles). */
    public void recordError() {
        errors.increment();
    }

    public long count() {
        return samples.sum();
    }

    public long errors() {
        return errors.sum();
    }

    /** Errors as a share of all requests (0 when there were none). */
    public double errorRate() {
        long all = count() + errors();
        return all == 0 ? 0 : (double) errors() / all;
    }

    public double meanMicros() {
        long n = count();
        return n == 0 ? 0 : (double) sumMicros.sum() / n;
    }

    public long maxMicros() {
        return maxMicros;
    }

    /**
     * The value at this percentile (0 to 100, nearest rank): the upper edge of the bucket holding the sample of that
     * rank, capped at the largest value seen. 0 when nothing was recorded.
     */
    public long percentileMicros(double percentile) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upperEdge(i), maxMicros);
            }
        }
        return maxMicros;
    }

    /** Adds another recorder's samples to this one. */
    public void add(LatencyRecorder other) {
        for (int i = 0; i < counts.length(); i++) {
            long c = other.counts.get(i);
            if (c != 0) {
                counts.addAndGet(i, c);
            }
        }
        samples.add(other.samples.sum());
        errors.add(other.errors.sum());
        sumMicros.add(other.sumMicros.sum());
        synchronized (this) {
            maxMicros = Math.max(maxMicros, other.maxMicros);
        }
    }

    static int index(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value; // magnitude 0: exact
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(value) - SUB_BUCKET_BITS + 1; // >= 1
        if (magnitude > MAGNITUDES) {
            return counts(MAGNITUDES) - 1;
        }
        int sub = (int) (value >>> (magnitude - 1)) - SUB_BUCKETS; // 0..63
        return magnitude * SUB_BUCKETS + sub;
    }

    private static int counts(int magnitude) {
        return (magnitude + 1) * SUB_BUCKETS;
    }

    /** The largest value that falls into bucket i. */
    static long upperEdge(int i) {
        int magnitude = i / SUB_BUCKETS;
        int sub = i % SUB_BUCKETS;
        if (magnitude == 0) {
            return sub;
        }
        long unit = 1L << (magnitude - 1);
        return (SUB_BUCKETS + sub + 1) * unit - 1;
    }
}
