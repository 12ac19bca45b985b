package org.crmsuite.customer.dedup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * Which value of each field the survivor of a merge keeps. A steward's choice wins; otherwise:
 * <ul>
 *   <li>tags: both records' tags;</li>
 *   <li>doNotContact: set if either record has it, and marketingConsent only if both have it (an opt-out is never
 *       lost by merging, and consent is never assumed);</li>
 *   <li>every other field: the survivor's value, or the loser's when the survivor has none (most complete).</li>
 * </ul>
 */
public final class Survivorship {

    /** Whose value a field takes. */
    public enum Side { SURVIVOR, LOSER }

    public static CustomerDetails resolve(CustomerDetails survivor, CustomerDetails loser, Map<String, Side> choices) {
        Map<String, Object> kept = survivor.fields();
        Map<String, Object> other = loser.fields();
        List<FieldViolation> unknown = new ArrayList<>();
        choices.keySet().stream().filter(field -> !kept.containsKey(field))
                .forEach(field -> unknown.add(new FieldViolation("fields." + field, "no such field; choose among " + kept.keySet())));
        if (!unknown.isEmpty()) {
            throw CrmProblemException.invalid(unknown);
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        kept.forEach((field, value) -> {
            Side choice = choices.get(field);
            Object loserValue = other.get(field);
            Object result;
            if (choice != null) {
                result = choice == Side.LOSER ? loserValue : value;
            } else if (field.equals("tags")) {
                LinkedHashSet<Object> union = new LinkedHashSet<>((List<?>) value);
                union.addAll((List<?>) loserValue);
                result = List.copyOf(union);
            } else if (field.equals("doNotContact")) {
                result = Boolean.TRUE.equals(value) || Boolean.TRUE.equals(loserValue);
            } else if (field.equals("marketingConsent")) {
                result = Boolean.TRUE.equals(value) && Boolean.TRUE.equals(loserValue);
            } else if (field.equals("foreignCompany")) {
                result = Boolean.TRUE.equals(value) || (survivor.uscc() == null && Boolean.TRUE.equals(loserValue));
            } else {
                result = value == null ? loserValue : value;
            }
            merged.put(field, result);
        });
        return CustomerDetails.fromFields(merged);
    }

    private Survivorship() {
    }
}
