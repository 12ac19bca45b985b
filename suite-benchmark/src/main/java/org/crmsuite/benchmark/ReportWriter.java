package org.crmsuite.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the markdown report: headings, paragraphs, tables, text bar charts and target verdicts. Pure (no I/O until
 * {@link #writeTo}), so its formatting is unit-tested.
 */
public final class ReportWriter {

    /** One request type's figures, as the report shows them. */
    public record RequestRow(String name, String who, long requests, long errors, double seconds,
                             long p50Micros, long p95Micros, long p99Micros, long maxMicros) {

        public static RequestRow of(String name, String who, LatencyRecorder recorder, double seconds) {
            return new RequestRow(name, who, recorder.count(), recorder.errors(), seconds, recorder.percentileMicros(50),
                    recorder.percentileMicros(95), recorder.percentileMicros(99), recorder.maxMicros());
        }

        public double throughput() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        public double errorRate() {
            long all = requests + errors;
            return all == 0 ? 0 : (double) errors / all;
        }
    }

    /** A target of the issue: met or not, and by how much. */
    public record Verdict(String target, String measured, boolean met, String howMuch) {
    }

    private final StringBuilder out = new StringBuilder();

    public ReportWriter heading(int level, String text) {
        out.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    public ReportWriter paragraph(String text) {
        out.append(text).append("\n\n");
        return this;
    }

    public ReportWriter bullets(List<String> items) {
        for (String item : items) {
            out.append("- ").append(item).append('\n');
        }
        out.append('\n');
        return this;
    }

    public ReportWriter raw(String text) {
        out.append(text);
        return this;
    }

    public ReportWriter table(List<String> headers, List<List<String>> rows) {
        out.append("| ").append(String.join(" | ", headers)).append(" |\n");
        out.append("|").append("---|".repeat(headers.size())).append('\n');
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String cell : row) {
                cells.add(cell == null ? "" : cell.replace("|", "\\|").replace("\n", " "));
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        out.append('\n');
        return this;
    }

    /** The request table: throughput, p50/p95/p99/max and error rate per request type. */
    public ReportWriter requestTable(List<RequestRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (RequestRow row : rows) {
            cells.add(List.of(row.name(), row.who(), String.valueOf(row.requests()), number(row.throughput(), 1),
                    millis(row.p50Micros()), millis(row.p95Micros()), millis(row.p99Micros()), millis(row.maxMicros()),
                    percent(row.errorRate(), 2)));
        }
        return table(List.of("request", "who", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"), cells);
    }

    /** A horizontal bar chart in a code block: one bar per entry, scaled to the largest value. */
    public ReportWriter barChart(String title, Map<String, Double> values, String unit, int width) {
        out.append("```\n").append(barChartText(title, values, unit, width)).append("```\n\n");
        return this;
    }

    public ReportWriter verdicts(List<Verdict> verdicts) {
        List<List<String>> cells = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            cells.add(List.of(verdict.target(), verdict.measured(), verdict.met() ? "**met**" : "**missed**", verdict.howMuch()));
        }
        return table(List.of("target (issue 11)", "measured", "verdict", "by how much"), cells);
    }

    public String text() {
        return out.toString();
    }

    public void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    static String barChartText(String title, Map<String, Double> values, String unit, int width) {
        StringBuilder chart = new StringBuilder(title).append('\n');
        int labelWidth = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            double value = entry.getValue();
            int bar = max <= 0 ? 0 : (int) Math.round(value / max * width);
            if (bar == 0 && value > 0) {
                bar = 1;
            }
            chart.append(String.format(Locale.ROOT, "%-" + labelWidth + "s |%s%s %s %s%n", entry.getKey(), "#".repeat(bar),
                    " ".repeat(width - bar), number(value, value >= 100 ? 0 : 1), unit));
        }
        return chart.toString();
    }

    public static String millis(long micros) {
        return number(micros / 1000.0, micros >= 100_000 ? 0 : 1);
    }

    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    public static String percent(double share, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f %%", share * 100);
    }

    /** A figure as a share of its ceiling, e.g. "12.5 % of 8,000". */
    public static String shareOf(double figure, double ceiling) {
        if (ceiling <= 0) {
            return "n/a";
        }
        return percent(figure / ceiling, 1) + " of " + number(ceiling, 0);
    }

    /** "missed by 4.2x (p95 210 ms vs 50 ms)" style text for a value that should stay below a limit. */
    public static Verdict below(String target, String what, double measured, double limit, String unit) {
        boolean met = measured < limit;
        String how = met ? number(limit - measured, 1) + " " + unit + " to spare"
                : "over by " + number(measured - limit, 1) + " " + unit + " (" + number(measured / limit, 1) + "x the limit)";
        return new Verdict(target, what + " " + number(measured, 1) + " " + unit, met, how);
    }

    /** The same for a value that should reach at least a floor. */
    public static Verdict atLeast(String target, String what, double measured, double floor, String unit) {
        boolean met = measured >= floor;
        String how = met ? number(measured - floor, 1) + " " + unit + " above"
                : "short by " + number(floor - measured, 1) + " " + unit + " (" + percent(measured / floor, 1) + " of the target)";
        return new Verdict(target, what + " " + number(measured, 1) + " " + unit, met, how);
    }
}
