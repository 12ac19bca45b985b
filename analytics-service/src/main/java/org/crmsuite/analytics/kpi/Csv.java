package org.crmsuite.analytics.kpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A KPI result as CSV (RFC 4180): one line per group, nested values flattened to {@code name.part} columns. */
public final class Csv {

    public static String of(KpiResult result) {
        List<Map<String, String>> lines = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (KpiRow row : result.rows()) {
            Map<String, String> line = new LinkedHashMap<>();
            flatten("", row.values(), line);
            columns.addAll(line.keySet());
            lines.add(line);
        }
        StringBuilder csv = new StringBuilder("kpi,from,to,by,group");
        columns.forEach(c -> csv.append(',').append(escape(c)));
        csv.append("\r\n");
        for (int i = 0; i < lines.size(); i++) {
            csv.append(escape(result.kpi())).append(',').append(result.from()).append(',').append(result.to()).append(',')
                    .append(escape(result.by())).append(',').append(escape(result.rows().get(i).group()));
            for (String column : columns) {
                csv.append(',').append(escape(lines.get(i).getOrDefault(column, "")));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, String> line) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, line));
        } else if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    parts.add(String.join(" ", ((Map<String, Object>) map).values().stream().map(String::valueOf).toList()));
                } else {
                    parts.add(String.valueOf(item));
                }
            }
            line.put(prefix, String.join("; ", parts));
        } else {
            line.put(prefix, value == null ? "" : value.toString());
        }
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+") ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private Csv() {
    }
}
