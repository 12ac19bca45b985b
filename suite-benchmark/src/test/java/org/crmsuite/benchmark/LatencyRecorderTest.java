package org.crmsuite.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void smallValuesAreExact() {
        LatencyRecorder recorder = new LatencyRecorder();
        IntStream.rangeClosed(1, 50).forEach(recorder::record);
        assertThat(recorder.percentileMicros(50)).isEqualTo(25);
        assertThat(recorder.percentileMicros(100)).isEqualTo(50);
        assertThat(recorder.count()).isEqualTo(50);
    }

    @Test
    void percentilesOfAUniformSampleAreWithinTheBucketPrecision() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int v = 1; v <= 100_000; v++) {
            recorder.record(v);
        }
        assertThat((double) recorder.percentileMicros(50)).isCloseTo(50_000, within(50_000 * 0.02));
        assertThat((double) recorder.percentileMicros(95)).isCloseTo(95_000, within(95_000 * 0.02));
        assertThat((double) recorder.percentileMicros(99)).isCloseTo(99_000, within(99_000 * 0.02));
        assertThat(recorder.percentileMicros(100)).isEqualTo(100_000);
        assertThat(recorder.meanMicros()).isCloseTo(50_000.5, within(0.01));
    }

    @Test
    void everyValueLandsInABucketWhoseUpperEdgeIsWithinOneSixtyFourth() {
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long value = 1 + (random.nextLong() >>> (1 + random.nextInt(40)));
            long edge = LatencyRecorder.upperEdge(LatencyRecorder.index(value));
            if (value < (1L << 38)) {
                assertThat(edge).isGreaterThanOrEqualTo(value);
                assertThat((double) edge).isLessThanOrEqualTo(value * (1 + 1.0 / 64) + 1);
            }
        }
    }

    @Test
    void errorsCountApartFromLatencies() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(10);
        recorder.record(20);
        recorder.recordError();
        assertThat(recorder.errors()).isEqualTo(1);
        assertThat(recorder.errorRate()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(recorder.percentileMicros(99)).isEqualTo(20);
    }

    @Test
    void anEmptyRecorderAnswersZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        assertThat(recorder.percentileMicros(99)).isZero();
        assertThat(recorder.errorRate()).isZero();
    }

    @Test
    void recordersAddUp() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        IntStream.rangeClosed(1, 50).forEach(a::record);
        IntStream.rangeClosed(51, 100).forEach(b::record);
        b.recordError();
        a.add(b);
        assertThat(a.count()).isEqualTo(100);
        assertThat(a.errors()).isEqualTo(1);
        assertThat(a.percentileMicros(100)).isEqualTo(100);
    }

    @Test
    void concurrentRecordingLosesNothing() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofVirtual().start(() -> IntStream.range(0, 10_000).forEach(i -> recorder.record(1_000 + i)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(recorder.count()).isEqualTo(40_000);
        assertThat(recorder.maxMicros()).isEqualTo(10_999);
    }
}
