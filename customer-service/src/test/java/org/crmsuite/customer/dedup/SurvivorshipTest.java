package org.crmsuite.customer.dedup;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.crmsuite.customer.customer.CompanySize;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.ValueTier;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SurvivorshipTest {

    static final CustomerDetails SURVIVOR = new CustomerDetails("青岛海岸电子有限公司", null, null, false, "制造业", CompanySize.MEDIUM,
            "山东省", "青岛市", null, null, null, null, "info@haian.cn", null, ValueTier.KEY, List.of("A"), null, true, null, false);
    static final CustomerDetails LOSER = new CustomerDetails("青岛海岸电子科技有限公司", "海岸电子", "91370200MA3C7XY01K", false, "电子",
            CompanySize.LARGE, "山东省", "青岛市", "市南区", "香港中路 1 号", "https://haian.cn", "+8653288886666", "sales@haian.cn",
            UUID.randomUUID(), ValueTier.STANDARD, List.of("B", "A"), null, false, null, true);

    @Test
    void theSurvivorKeepsItsValuesAndFillsItsGapsFromTheLoser() {
        CustomerDetails merged = Survivorship.resolve(SURVIVOR, LOSER, Map.of());
        assertThat(merged.legalName()).isEqualTo("青岛海岸电子有限公司");
        assertThat(merged.industry()).isEqualTo("制造业");
        assertThat(merged.size()).isEqualTo(CompanySize.MEDIUM);
        assertThat(merged.uscc()).isEqualTo("91370200MA3C7XY01K");
        assertThat(merged.shortName()).isEqualTo("海岸电子");
        assertThat(merged.district()).isEqualTo("市南区");
        assertThat(merged.phone()).isEqualTo("+8653288886666");
        assertThat(merged.email()).isEqualTo("info@haian.cn");
        assertThat(merged.tags()).containsExactly("A", "B");
    }

    @Test
    void anOptOutIsNeverLostAndConsentNeverAssumed() {
        CustomerDetails merged = Survivorship.resolve(SURVIVOR, LOSER, Map.of());
        assertThat(merged.doNotContact()).isTrue();
        assertThat(merged.marketingConsent()).isFalse();
    }

    @Test
    void aStewardsChoiceWins() {
        CustomerDetails merged = Survivorship.resolve(SURVIVOR, LOSER, Map.of("legalName", Survivorship.Side.LOSER,
                "email", Survivorship.Side.LOSER, "tags", Survivorship.Side.SURVIVOR, "valueTier", Survivorship.Side.LOSER));
        assertThat(merged.legalName()).isEqualTo("青岛海岸电子科技有限公司");
        assertThat(merged.email()).isEqualTo("sales@haian.cn");
        assertThat(merged.tags()).containsExactly("A");
        assertThat(merged.valueTier()).isEqualTo(ValueTier.STANDARD);
    }

    @Test
    void unknownFieldsAreRefused() {
        CrmProblemException problem = catchThrowableOfType(CrmProblemException.class,
                () -> Survivorship.resolve(SURVIVOR, LOSER, Map.of("colour", Survivorship.Side.LOSER)));
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("fields.colour");
    }
}
