package org.crmsuite.customer.customer;

import java.util.List;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CustomerDetailsTest {

    @Test
    void standardisesWhatPeopleType() {
        CustomerDetails details = CustomerDetails.standardise(typed("  杭州云栖科技有限公司 ", "91330106ma27xy812f".replace("f", "") + "", " Sales@Yunqi.CN ",
                "0571 8888 6666", "Yunqi.CN/about", List.of(" SaaS ", "saas", "重点客户")));
        assertThat(details.legalName()).isEqualTo("杭州云栖科技有限公司");
        assertThat(details.email()).isEqualTo("sales@yunqi.cn");
        assertThat(details.phone()).isEqualTo("+8657188886666");
        assertThat(details.website()).isEqualTo("https://yunqi.cn/about");
        assertThat(details.tags()).containsExactly("SaaS", "重点客户");
        assertThat(details.valueTier()).isEqualTo(ValueTier.STANDARD);
    }

    @Test
    void namesEveryInvalidField() {
        CrmProblemException problem = catchThrowableOfType(CrmProblemException.class, () -> CustomerDetails.standardise(
                typed(" ", "91330106MA27XY812X", "a@b", "12345", "javascript:alert(1)", List.of())));
        assertThat(problem.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("legalName", "uscc", "email", "phone", "website");
    }

    @Test
    void websitesNeedAHost() {
        assertThat(CustomerDetails.website("http://Example.COM/")).isEqualTo("http://example.com");
        assertThat(CustomerDetails.website("example")).isNull();
        assertThat(CustomerDetails.website("https://user:pw@example.com")).isNull();
        assertThat(CustomerDetails.website("ftp://example.com")).isNull();
    }

    static CustomerDetails typed(String name, String uscc, String email, String phone, String website, List<String> tags) {
        return new CustomerDetails(name, null, uscc.length() == 17 ? null : uscc, false, null, null, null, null, null, null,
                website, phone, email, null, null, tags, null, false, null, false);
    }
}
