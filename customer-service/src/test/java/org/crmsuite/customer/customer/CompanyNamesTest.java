package org.crmsuite.customer.customer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompanyNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "杭州云栖科技有限公司|杭州云栖科技",
            "杭州云栖科技股份有限公司|杭州云栖科技",
            "杭州云栖科技有限责任公司|杭州云栖科技",
            "杭州云栖科技公司|杭州云栖科技",
            "杭州 云栖 科技 有限公司|杭州云栖科技",
            "（杭州）云栖科技有限公司|杭州云栖科技",
            "Acme Co., Ltd.|acme",
            "ACME CO.,LTD|acme",
            "Acme Inc.|acme",
            "Acme Holdings LLC|acme holdings",
            "Müller GmbH|müller",
            "Ａｃｍｅ　Ｌｔｄ．|acme",
            "Lakeside Robotics Company Limited|lakeside robotics",
            "Limited|limited"})
    void stripsLegalFormsForMatching(String name, String normalised) {
        assertThat(CompanyNames.normalise(name)).isEqualTo(normalised);
    }

    @Test
    void similarityToleratesTyposAndMissingSuffixesInChineseAndLatin() {
        String name = CompanyNames.normalise("杭州云栖科技有限公司");
        assertThat(CompanyNames.similarity(name, CompanyNames.normalise("杭州云栖科技"))).isEqualTo(1.0);
        assertThat(CompanyNames.similarity(name, CompanyNames.normalise("杭州云西科技有限公司"))).isGreaterThan(0.5);
        assertThat(CompanyNames.similarity(name, CompanyNames.normalise("北京字节跳动科技有限公司"))).isLessThan(0.4);

        String latin = CompanyNames.normalise("Lakeside Robotics Co., Ltd.");
        assertThat(CompanyNames.similarity(latin, CompanyNames.normalise("Lakeside Robotcs"))).isGreaterThan(0.8);
        assertThat(CompanyNames.similarity(latin, CompanyNames.normalise("Harbour Logistics Ltd"))).isLessThan(0.3);
    }

    /** The duplicate check compares prepared names ({@link CompanyNames.Gramed}); the score must not move by a bit. */
    @Test
    void preparedNamesGiveExactlyTheSameSimilarity() {
        java.util.List<String> names = java.util.stream.Stream.of("杭州云栖科技有限公司", "杭州云西科技", "云栖", "栖", "北京字节跳动科技",
                        "Lakeside Robotics Co., Ltd.", "Lakeside Robotcs", "ab", "a", "Kalo Trading 杭州", "Harbour Logistics Ltd",
                        "Zenmar Energy GmbH", "Zenmor Energy", "x", "")
                .map(CompanyNames::normalise).toList();
        for (String a : names) {
            CompanyNames.Gramed preparedA = new CompanyNames.Gramed(a);
            for (String b : names) {
                assertThat(CompanyNames.similarity(preparedA, new CompanyNames.Gramed(b))).as(a + " / " + b)
                        .isEqualTo(CompanyNames.similarity(a, b));
            }
            assertThat(CompanyNames.similarity(preparedA, new CompanyNames.Gramed(null))).isEqualTo(CompanyNames.similarity(a, null));
        }
    }
}
