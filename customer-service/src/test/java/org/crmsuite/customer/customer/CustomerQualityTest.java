package org.crmsuite.customer.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.crmsuite.customer.quality.QualityScore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The data quality rules (quality.QualityScore) on customers built without Spring. */
class CustomerQualityTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aCompleteVerifiedRecordScoresFullMarks() {
        Customer customer = Customer.register("C-000001", new CustomerDetails("杭州云栖科技有限公司", null, "91330106MA27XY812F".substring(0, 17)
                + UnifiedSocialCreditCode.checkCharacter("91330106MA27XY812"), false, "软件", CompanySize.MEDIUM, "浙江省", "杭州市", "西湖区",
                "文三路 90 号", "https://yunqi.cn", "+8657188886666", "info@yunqi.cn", null, ValueTier.KEY, List.of(), null, false, null, false),
                LifecycleStage.ACTIVE, "rep", "/sales/east");
        customer.verify("rep", ContactChannel.PHONE, NOW.minus(Duration.ofDays(30)));

        QualityScore.Result result = QualityScore.of(customer, NOW);
        assertThat(result.score()).isEqualTo(100);
        assertThat(result.issues()).isEmpty();
    }

    @Test
    void aBareProspectListsWhatIsMissingAndStale() {
        Customer customer = Customer.register("C-000002", new CustomerDetails("某公司", null, null, false, null, null, null, null, null, null,
                null, null, null, null, ValueTier.STANDARD, List.of(), null, false, null, false), LifecycleStage.PROSPECT, "rep", null);

        QualityScore.Result result = QualityScore.of(customer, NOW);
        assertThat(result.completeness()).isZero();
        assertThat(result.validity()).isEqualTo(20);
        assertThat(result.timeliness()).isZero();
        assertThat(result.consistency()).isEqualTo(10);
        assertThat(result.score()).isEqualTo(30);
        assertThat(result.issues()).extracting(QualityScore.Issue::field)
                .containsExactly("uscc", "industry", "size", "city", "street", "phone", "website", "updatedAt");
    }

    @Test
    void aStageWithoutItsRequiredFieldsIsInconsistent() {
        Customer customer = Customer.register("C-000003", new CustomerDetails("某公司", null, null, true, null, null, null, null, null, null,
                null, null, null, null, ValueTier.STANDARD, List.of(), null, false, null, false), LifecycleStage.ACTIVE, "rep", null);
        QualityScore.Result result = QualityScore.of(customer, NOW);
        assertThat(result.consistency()).isZero();
        assertThat(result.issues()).filteredOn(i -> i.dimension() == QualityScore.Dimension.CONSISTENCY)
                .extracting(QualityScore.Issue::field).containsExactly("department", "industry", "province", "city");
    }
}
