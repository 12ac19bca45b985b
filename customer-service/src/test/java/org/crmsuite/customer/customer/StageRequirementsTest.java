package org.crmsuite.customer.customer;

import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageRequirementsTest {

    static final StageRequirements.Facts NOTHING = new StageRequirements.Facts(null, false, "rep", null, null, null, null);
    static final StageRequirements.Facts COMPLETE = new StageRequirements.Facts("91330106MA27XY812F", false, "rep", "/sales/east",
            "制造业", "浙江省", "杭州市");

    @Test
    void prospectsNeedOnlyAName() {
        assertThat(StageRequirements.missing(LifecycleStage.PROSPECT, NOTHING)).isEmpty();
    }

    @Test
    void onboardingAndChurnedNeedAnIdentifiedCompany() {
        assertThat(StageRequirements.missing(LifecycleStage.ONBOARDING, NOTHING)).extracting(FieldViolation::field).containsExactly("uscc");
        assertThat(StageRequirements.missing(LifecycleStage.CHURNED, NOTHING)).extracting(FieldViolation::field).containsExactly("uscc");
        StageRequirements.Facts foreign = new StageRequirements.Facts(null, true, "rep", null, null, null, null);
        assertThat(StageRequirements.missing(LifecycleStage.ONBOARDING, foreign)).isEmpty();
    }

    @Test
    void activeCustomersNeedIdentityOwnerDepartmentIndustryAndRegion() {
        assertThat(StageRequirements.missing(LifecycleStage.ACTIVE, NOTHING)).extracting(FieldViolation::field)
                .containsExactly("uscc", "department", "industry", "province", "city");
        assertThat(StageRequirements.missing(LifecycleStage.ACTIVE, COMPLETE)).isEmpty();
        assertThat(StageRequirements.missing(LifecycleStage.AT_RISK, COMPLETE)).isEmpty();
    }

    @Test
    void onlyAllowedMovesAndReasonsForBadNews() {
        assertThat(LifecycleStage.PROSPECT.mayMoveTo(LifecycleStage.ACTIVE)).isTrue();
        assertThat(LifecycleStage.PROSPECT.mayMoveTo(LifecycleStage.CHURNED)).isFalse();
        assertThat(LifecycleStage.ACTIVE.mayMoveTo(LifecycleStage.PROSPECT)).isFalse();
        assertThat(LifecycleStage.CHURNED.mayMoveTo(LifecycleStage.ACTIVE)).isTrue();
        assertThat(StageRequirements.needsReason(LifecycleStage.CHURNED)).isTrue();
        assertThat(StageRequirements.needsReason(LifecycleStage.ACTIVE)).isFalse();
    }
}
