package org.crmsuite.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportWriterTest {

    @Test
    void writesTheRequestTableWithThroughputPercentilesAndErrorRate() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            recorder.record(i * 1_000L);
        }
        recorder.recordError();
        String text = new ReportWriter().requestTable(List.of(ReportWriter.RequestRow.of("customer.search", "rep", recorder, 10))).text();
        // percentiles are bucket upper edges (within 1/64 above the true value), the maximum is exact
        assertThat(text).contains("| request | who | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
                .contains("| customer.search | rep | 100 | 10.0 | 50.2 | 95.2 | 99.3 | 100 | 0.99 % |");
    }

    @Test
    void escapesPipesInCells() {
        String text = new ReportWriter().table(List.of("a"), List.of(List.of("x|y"))).text();
        assertThat(text).contains("| x\\|y |");
    }

    @Test
    void drawsBarsScaledToTheLargestValue() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("search", 100.0);
        values.put("merge", 25.0);
        values.put("none", 0.0);
        values.put("tiny", 0.01);
        String chart = ReportWriter.barChartText("Throughput", values, "req/s", 20);
        String[] lines = chart.split("\n");
        assertThat(lines[0]).isEqualTo("Throughput");
        assertThat(lines[1]).startsWith("search |" + "#".repeat(20) + " 100 req/s");
        assertThat(lines[2]).startsWith("merge  |" + "#".repeat(5) + " ".repeat(15) + " 25.0 req/s");
        assertThat(lines[3]).startsWith("none   |" + " ".repeat(20));
        assertThat(lines[4]).startsWith("tiny   |#" + " ".repeat(19)); // a small value still shows
    }

    @Test
    void verdictsSayByHowMuch() {
        ReportWriter.Verdict missed = ReportWriter.below("search p95 < 50 ms", "p95", 210, 50, "ms");
        assertThat(missed.met()).isFalse();
        assertThat(missed.howMuch()).isEqualTo("over by 160.0 ms (4.2x the limit)");
        ReportWriter.Verdict met = ReportWriter.atLeast("gateway keeps 80 %", "share", 92, 80, "%");
        assertThat(met.met()).isTrue();
        assertThat(met.howMuch()).isEqualTo("12.0 % above");
        ReportWriter.Verdict short_ = ReportWriter.atLeast("import 5,000 rows/s", "rows/s", 4, 5_000, "rows/s");
        assertThat(short_.howMuch()).isEqualTo("short by 4,996.0 rows/s (0.1 % of the target)");
        String text = new ReportWriter().verdicts(List.of(missed, met)).text();
        assertThat(text).contains("**missed**").contains("**met**");
    }

    @Test
    void formatsSharesOfACeiling() {
        assertThat(ReportWriter.shareOf(500, 4_000)).isEqualTo("12.5 % of 4,000");
        assertThat(ReportWriter.shareOf(5, 0)).isEqualTo("n/a");
        assertThat(ReportWriter.millis(1_234)).isEqualTo("1.2");
        assertThat(ReportWriter.millis(123_456)).isEqualTo("123");
    }
}
