package org.crmsuite.customer.importing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.crmsuite.customer.customer.CompanySize;
import org.crmsuite.customer.customer.ContactChannel;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerRequest;
import org.crmsuite.customer.customer.LifecycleStage;
import org.crmsuite.customer.customer.SourceChannel;
import org.crmsuite.customer.customer.StageRequirements;
import org.crmsuite.customer.customer.ValueTier;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * One CSV record turned into a customer to register, with the same checks as {@code POST /api/v1/customers}
 * (Bean Validation of the request, standardisation, the initial stage's requirements), collected as reasons
 * instead of thrown. Plain Java apart from the injected {@link Validator}.
 */
final class ImportRow {

    /** A row ready to register, or the reasons it cannot be. */
    record Converted(CustomerDetails details, LifecycleStage stage, String ownerId, String department, List<FieldViolation> rejected) {

        boolean ok() {
            return rejected.isEmpty();
        }
    }

    private ImportRow() {
    }

    static Converted convert(CsvReader.Record record, ColumnMapping mapping, Validator validator, CurrentUser user) {
        List<FieldViolation> reasons = new ArrayList<>();
        for (CsvReader.Problem problem : record.problems()) {
            reasons.add(new FieldViolation(problem.column() < 0 ? "row" : column(mapping, problem.column()), problem.reason()));
        }
        if (record.fields().size() != mapping.columns()) {
            reasons.add(new FieldViolation("row", "has " + record.fields().size() + " fields, the header has " + mapping.columns()));
        }
        if (!reasons.isEmpty()) {
            return new Converted(null, null, null, null, reasons);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < record.fields().size(); i++) {
            String field = mapping.field(i);
            String value = record.fields().get(i).strip();
            if (field == null) {
                continue;
            }
            if (value.indexOf(ImportInput.REPLACEMENT) >= 0) {
                reasons.add(new FieldViolation(field, "contains bytes that are not valid in the file's encoding (wrong encoding?)"));
            }
            if (!value.isEmpty()) {
                values.put(field, value);
            }
        }
        CustomerRequest request = new CustomerRequest(values.get("legalName"), values.get("shortName"), values.get("uscc"),
                bool(values, "foreignCompany", reasons), values.get("industry"), enumValue(CompanySize.class, values, "size", reasons),
                values.get("province"), values.get("city"), values.get("district"), values.get("street"), values.get("website"),
                values.get("phone"), values.get("email"), null, enumValue(LifecycleStage.class, values, "lifecycleStage", reasons),
                enumValue(ValueTier.class, values, "valueTier", reasons), tags(values.get("tags")),
                enumValue(SourceChannel.class, values, "sourceChannel", reasons), bool(values, "marketingConsent", reasons),
                enumValue(ContactChannel.class, values, "preferredChannel", reasons), bool(values, "doNotContact", reasons),
                values.get("ownerId"), values.get("department"), null, null);
        for (ConstraintViolation<CustomerRequest> violation : validator.validate(request)) {
            String path = violation.getPropertyPath().toString();
            int cut = path.indexOf('[');
            reasons.add(new FieldViolation(cut < 0 ? path : path.substring(0, cut), violation.getMessage()));
        }
        if (!reasons.isEmpty()) {
            return new Converted(null, null, null, null, distinct(reasons));
        }
        CustomerDetails details;
        try {
            details = CustomerDetails.standardise(request.details());
        } catch (CrmProblemException e) {
            return new Converted(null, null, null, null, e.violations().isEmpty()
                    ? List.of(new FieldViolation("row", e.getMessage())) : e.violations());
        }
        LifecycleStage stage = request.lifecycleStage() == null ? LifecycleStage.PROSPECT : request.lifecycleStage();
        String owner = request.ownerId() == null ? user.id() : request.ownerId();
        String department = request.department() == null ? user.primaryDepartment() : request.department();
        List<FieldViolation> missing = StageRequirements.missing(stage, new StageRequirements.Facts(details.uscc(),
                details.foreignCompany(), owner, department, details.industry(), details.province(), details.city()));
        if (!missing.isEmpty()) {
            return new Converted(null, null, null, null, missing);
        }
        return new Converted(details, stage, owner, department, List.of());
    }

    private static String column(ColumnMapping mapping, int column) {
        String field = mapping.field(column);
        return field == null ? "column " + (column + 1) : field;
    }

    private static List<FieldViolation> distinct(List<FieldViolation> reasons) {
        return reasons.stream().distinct().toList();
    }

    private static List<String> tags(String value) {
        return value == null ? null : Arrays.stream(value.split("[;；|]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static Boolean bool(Map<String, String> values, String field, List<FieldViolation> reasons) {
        String value = values.get(field);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "是" -> true;
            case "false", "no", "n", "0", "否" -> false;
            default -> {
                reasons.add(new FieldViolation(field, "must be true or false (是/否)"));
                yield null;
            }
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, String> values, String field, List<FieldViolation> reasons) {
        String value = values.get(field);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            reasons.add(new FieldViolation(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

}
