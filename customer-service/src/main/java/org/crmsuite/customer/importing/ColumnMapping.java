package org.crmsuite.customer.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * Which file column feeds which customer field. A header that is a field name ({@code legalName}) or one of its
 * common Chinese names ({@code 公司名称}) maps by itself; the {@code mapping} parameter maps any other header
 * ({@code 客户全称=legalName,联系电话=phone}) and wins over the defaults. Unmapped columns are ignored and listed.
 */
final class ColumnMapping {

    /** The fields a row may carry, in the order of the customer API. */
    static final List<String> FIELDS = List.of("legalName", "shortName", "uscc", "foreignCompany", "industry", "size", "province",
            "city", "district", "street", "website", "phone", "email", "lifecycleStage", "valueTier", "tags", "sourceChannel",
            "marketingConsent", "preferredChannel", "doNotContact", "ownerId", "department");

    static final Set<String> REQUIRED = Set.of("legalName");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("公司名称", "legalName"), Map.entry("企业名称", "legalName"), Map.entry("客户名称", "legalName"),
            Map.entry("名称", "legalName"), Map.entry("legal name", "legalName"), Map.entry("company", "legalName"),
            Map.entry("简称", "shortName"), Map.entry("客户简称", "shortName"),
            Map.entry("统一社会信用代码", "uscc"), Map.entry("信用代码", "uscc"),
            Map.entry("境外企业", "foreignCompany"), Map.entry("行业", "industry"), Map.entry("规模", "size"),
            Map.entry("企业规模", "size"), Map.entry("省份", "province"), Map.entry("省", "province"), Map.entry("城市", "city"),
            Map.entry("市", "city"), Map.entry("区县", "district"), Map.entry("区", "district"), Map.entry("地址", "street"),
            Map.entry("详细地址", "street"), Map.entry("网站", "website"), Map.entry("官网", "website"), Map.entry("电话", "phone"),
            Map.entry("总机", "phone"), Map.entry("邮箱", "email"), Map.entry("电子邮件", "email"), Map.entry("阶段", "lifecycleStage"),
            Map.entry("生命周期阶段", "lifecycleStage"), Map.entry("价值等级", "valueTier"), Map.entry("标签", "tags"),
            Map.entry("来源", "sourceChannel"), Map.entry("来源渠道", "sourceChannel"), Map.entry("营销许可", "marketingConsent"),
            Map.entry("首选渠道", "preferredChannel"), Map.entry("勿扰", "doNotContact"), Map.entry("负责人", "ownerId"),
            Map.entry("部门", "department"));

    /** Column index to field (null: ignored). */
    private final String[] fieldOfColumn;
    private final List<String> ignored;

    private ColumnMapping(String[] fieldOfColumn, List<String> ignored) {
        this.fieldOfColumn = fieldOfColumn;
        this.ignored = ignored;
    }

    /**
     * Maps the header line; refuses (400, before any row is read) an unknown target field, a field fed by two columns,
     * a mapped column missing from the file, or a required field without a column.
     */
    static ColumnMapping of(List<String> header, String mappingParameter) {
        Map<String, String> explicit = parse(mappingParameter);
        List<FieldViolation> violations = new ArrayList<>();
        String[] fields = new String[header.size()];
        Map<String, String> columnOfField = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            String field = explicit.containsKey(name) ? explicit.get(name) : defaultField(name);
            if (!explicit.containsKey(name) && explicit.containsValue(field)) {
                field = null; // an explicit mapping of this field wins over a column that would map to it by its name
            }
            if (field == null) {
                ignored.add(name);
                continue;
            }
            String previous = columnOfField.putIfAbsent(field, name);
            if (previous != null) {
                violations.add(new FieldViolation("mapping", "columns \"" + previous + "\" and \"" + name + "\" both map to " + field));
            }
            fields[i] = field;
        }
        explicit.keySet().stream().filter(column -> header.stream().noneMatch(h -> h.strip().equals(column)))
                .forEach(column -> violations.add(new FieldViolation("mapping", "the file has no column \"" + column + "\"")));
        REQUIRED.stream().filter(field -> !columnOfField.containsKey(field)).sorted()
                .forEach(field -> violations.add(new FieldViolation(field, "the file has no column for " + field
                        + " (name a column " + field + " or 公司名称, or map one with mapping=<column>=" + field + ")")));
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return new ColumnMapping(fields, ignored);
    }

    /** {@code 客户全称=legalName,联系电话=phone} (also with {@code :}); unknown target fields are refused. */
    static Map<String, String> parse(String parameter) {
        Map<String, String> mapping = new LinkedHashMap<>();
        if (parameter == null || parameter.isBlank()) {
            return mapping;
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (String pair : parameter.split("[,，\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int at = Math.max(pair.lastIndexOf('='), pair.lastIndexOf(':'));
            String column = at < 0 ? "" : pair.substring(0, at).strip();
            String field = at < 0 ? "" : pair.substring(at + 1).strip();
            if (column.isEmpty() || !FIELDS.contains(field)) {
                violations.add(new FieldViolation("mapping", "\"" + pair.strip() + "\" is not <column>=<field> with a field out of "
                        + FIELDS));
                continue;
            }
            mapping.put(column, field);
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return mapping;
    }

    private static String defaultField(String header) {
        for (String field : FIELDS) {
            if (field.equalsIgnoreCase(header)) {
                return field;
            }
        }
        return ALIASES.get(header.toLowerCase(Locale.ROOT));
    }

    /** The field fed by a column, or null when the column is ignored (or beyond the header). */
    String field(int column) {
        return column < fieldOfColumn.length ? fieldOfColumn[column] : null;
    }

    int columns() {
        return fieldOfColumn.length;
    }

    List<String> ignored() {
        return ignored;
    }

    /** The mapped fields and their columns, for the report. */
    Map<String, Integer> columnsByField() {
        Map<String, Integer> byField = new LinkedHashMap<>();
        for (int i = 0; i < fieldOfColumn.length; i++) {
            if (fieldOfColumn[i] != null) {
                byField.put(fieldOfColumn[i], i);
            }
        }
        return byField;
    }
}
