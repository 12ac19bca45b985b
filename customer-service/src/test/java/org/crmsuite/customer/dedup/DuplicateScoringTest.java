package org.crmsuite.customer.dedup;

import java.util.Set;

import org.crmsuite.customer.customer.CompanyNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateScoringTest {

    static DuplicateScoring.Facts facts(String uscc, String name, Set<String> phones, Set<String> domains) {
        return new DuplicateScoring.Facts(uscc, CompanyNames.normalise(name), phones, domains);
    }

    @Test
    void theSameUsccIsCertain() {
        var score = DuplicateScoring.score(facts("91330106MA27XY812F", "完全不同有限公司", null, null),
                facts("91330106MA27XY812F", "Something Else Ltd", null, null));
        assertThat(score.value()).isEqualTo(100);
        assertThat(score.reasons()).containsExactly("same unified social credit code 91330106MA27XY812F");
    }

    @Test
    void theSameNameWithoutLegalFormIsReportedAlone() {
        var score = DuplicateScoring.score(facts(null, "杭州云栖科技有限公司", null, null), facts(null, "杭州云栖科技股份有限公司", null, null));
        assertThat(score.value()).isEqualTo(70);
        assertThat(score.reasons()).singleElement().asString().startsWith("same name without legal form");
    }

    @Test
    void aOneCharacterTypoReachesTheThresholdAndAPhoneOrDomainMakesItNearlyCertain() {
        var nameOnly = DuplicateScoring.score(facts(null, "杭州云栖科技有限公司", null, null), facts(null, "杭州云西科技有限公司", null, null));
        assertThat(nameOnly.value()).isEqualTo(50);
        var withPhone = DuplicateScoring.score(facts(null, "杭州云栖科技有限公司", Set.of("+8657188886666"), Set.of("yunqi.cn")),
                facts(null, "杭州云西科技有限公司", Set.of("+8657188886666", "+8613812345678"), Set.of("yunqi.cn")));
        assertThat(withPhone.value()).isGreaterThanOrEqualTo(90);
        assertThat(withPhone.reasons()).hasSize(3).anyMatch(r -> r.startsWith("name ")).contains("same phone +8657188886666",
                "same email or web domain yunqi.cn");
    }

    @Test
    void aSharedPhoneOrDomainAloneIsNotADuplicate() {
        var score = DuplicateScoring.score(facts(null, "华东控股集团有限公司", Set.of("+8657188886666"), Set.of("huadong.cn")),
                facts(null, "Bramblewood Logistics GmbH", Set.of("+8657188886666"), Set.of("huadong.cn")));
        assertThat(score.value()).isEqualTo(65 - 0).isLessThan(100);
        var phoneOnly = DuplicateScoring.score(facts(null, "A公司甲", Set.of("+8657188886666"), null),
                facts(null, "Z Ltd", Set.of("+8657188886666"), null));
        assertThat(phoneOnly.value()).isEqualTo(40);
    }

    @Test
    void websiteDomainsLoseSchemeWwwAndPath() {
        assertThat(DuplicateScoring.websiteDomain("https://www.yunqi.cn/about")).isEqualTo("yunqi.cn");
        assertThat(DuplicateScoring.websiteDomain("http://shop.yunqi.cn:8080")).isEqualTo("shop.yunqi.cn");
        assertThat(DuplicateScoring.websiteDomain(null)).isNull();
    }
}
