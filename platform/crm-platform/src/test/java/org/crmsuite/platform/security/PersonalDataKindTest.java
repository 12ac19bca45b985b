package org.crmsuite.platform.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataKindTest {

    @Test
    void masksEachKindKeepingOnlyWhatHelpsRecognition() {
        assertThat(PersonalDataKind.PHONE.mask("+8613812345678")).isEqualTo("+861******5678");
        assertThat(PersonalDataKind.EMAIL.mask("zhang.wei@example.com")).isEqualTo("z********@example.com");
        assertThat(PersonalDataKind.ID_NUMBER.mask("110101199003077777")).isEqualTo("11**************77");
        assertThat(PersonalDataKind.PERSON_NAME.mask("张伟")).isEqualTo("张*");
        assertThat(PersonalDataKind.PERSON_NAME.mask("Wei Zhang")).isEqualTo("W** Z****");
        assertThat(PersonalDataKind.ADDRESS.mask("浙江省杭州市西湖区文三路 90 号")).startsWith("浙江省杭州市").doesNotContain("90");
    }

    @Test
    void neverRevealsShortValues() {
        assertThat(PersonalDataKind.ID_NUMBER.mask("1234")).isEqualTo("****");
        assertThat(PersonalDataKind.EMAIL.mask("nonsense")).isEqualTo("********");
    }
}
