package org.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.List;

import org.crmsuite.platform.web.FieldViolation;

/**
 * What a customer must have filled in to be in a lifecycle stage. The rules hold for as long as the customer is in
 * the stage: entering it, registering straight into it and later edits are all checked.
 * <ul>
 *   <li>PROSPECT: a legal name (nothing else: prospects are often known only by name).</li>
 *   <li>ONBOARDING and CHURNED: the company is identified (a USCC, or marked as registered abroad) and has an owner.</li>
 *   <li>ACTIVE and AT_RISK: identified, an owner and an owning department, an industry, and a region (province and
 *       city), because contracts, SLAs, territory reports and tax documents need them.</li>
 * </ul>
 */
public final class StageRequirements {

    /** The facts the rules look at. */
    public record Facts(String uscc, boolean foreignCompany, String ownerId, String department, String industry,
                        String province, String city) {
    }

    public static List<FieldViolation> missing(LifecycleStage stage, Facts facts) {
        List<FieldViolation> missing = new ArrayList<>();
        if (stage == LifecycleStage.PROSPECT) {
            return missing;
        }
        if (facts.uscc() == null && !facts.foreignCompany()) {
            missing.add(new FieldViolation("uscc", "required in stage " + stage + " (or set foreignCompany for a company registered abroad)"));
        }
        require(missing, stage, "ownerId", facts.ownerId());
        if (stage == LifecycleStage.ACTIVE || stage == LifecycleStage.AT_RISK) {
            require(missing, stage, "department", facts.department());
            require(missing, stage, "industry", facts.industry());
            require(missing, stage, "province", facts.province());
            require(missing, stage, "city", facts.city());
        }
        return missing;
    }

    /** AT_RISK and CHURNED need a reason: the next person to call the customer must know why. */
    public static boolean needsReason(LifecycleStage stage) {
        return stage == LifecycleStage.AT_RISK || stage == LifecycleStage.CHURNED;
    }

    private static void require(List<FieldViolation> missing, LifecycleStage stage, String field, String value) {
        if (value == null || value.isBlank()) {
            missing.add(new FieldViolation(field, "required in stage " + stage));
        }
    }

    private StageRequirements() {
    }
}
