package org.crmsuite.customer.customer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * A customer as entered, standardised (full-width folded to half-width, whitespace collapsed, the USCC upper-cased)
 * and checked by the rules Bean Validation cannot express. Plain Java, so the rules are tested without Spring.
 */
public record NewCustomer(String legalName, String shortName, String uscc, String industry,
                          LifecycleStage lifecycleStage, ValueTier valueTier) {

    public static NewCustomer standardise(String legalName, String shortName, String uscc, String industry,
                                          LifecycleStage lifecycleStage, ValueTier valueTier) {
        NewCustomer customer = new NewCustomer(text(legalName), text(shortName), uscc == null || uscc.isBlank() ? null : text(uscc).toUpperCase(),
                text(industry), lifecycleStage == null ? LifecycleStage.PROSPECT : lifecycleStage,
                valueTier == null ? ValueTier.STANDARD : valueTier);
        List<FieldViolation> violations = new ArrayList<>();
        if (customer.legalName == null || customer.legalName.isEmpty()) {
            violations.add(new FieldViolation("legalName", "must not be blank"));
        }
        if (customer.uscc != null) {
            String problem = UnifiedSocialCreditCode.problem(customer.uscc);
            if (problem != null) {
                violations.add(new FieldViolation("uscc", problem));
            }
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return customer;
    }

    /** NFKC folds full-width letters, digits and spaces (Ａ１　) to their ordinary forms; then whitespace is collapsed. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s+", " ").strip();
        return folded.isEmpty() ? null : folded;
    }
}
