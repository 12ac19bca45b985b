package org.crmsuite.customer.customer;

import java.util.EnumSet;
import java.util.Set;

/** Where the relationship stands, and which stages may follow (see {@link StageRequirements} for what each needs). */
public enum LifecycleStage {
    PROSPECT, ONBOARDING, ACTIVE, AT_RISK, CHURNED;

    /**
     * The stages this one may move to. A prospect is never "churned" (it never was a customer); a churned customer
     * can be won back; onboarding can fall back to prospect when the deal stalls.
     */
    public Set<LifecycleStage> next() {
        return switch (this) {
            case PROSPECT -> EnumSet.of(ONBOARDING, ACTIVE);
            case ONBOARDING -> EnumSet.of(PROSPECT, ACTIVE, CHURNED);
            case ACTIVE -> EnumSet.of(AT_RISK, CHURNED);
            case AT_RISK -> EnumSet.of(ACTIVE, CHURNED);
            case CHURNED -> EnumSet.of(ONBOARDING, ACTIVE);
        };
    }

    public boolean mayMoveTo(LifecycleStage target) {
        return next().contains(target);
    }
}
