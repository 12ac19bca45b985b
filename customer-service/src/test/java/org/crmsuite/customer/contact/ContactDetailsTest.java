package org.crmsuite.customer.contact;

import java.util.List;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContactDetailsTest {

    @Test
    void phonesBecomeE164WithoutDuplicatesAndEmailsLowerCase() {
        ContactDetails details = ContactDetails.standardise(new ContactDetails("  张　伟 ", null,
                List.of("13812345678", "+86 138 1234 5678", "010-12345678"), " ZW@Example.com ", null, true));
        assertThat(details.name()).isEqualTo("张 伟");
        assertThat(details.phones()).containsExactly("+8613812345678", "+861012345678");
        assertThat(details.email()).isEqualTo("zw@example.com");
    }

    @Test
    void namesEachBadPhoneByPosition() {
        CrmProblemException problem = catchThrowableOfType(CrmProblemException.class, () -> ContactDetails.standardise(
                new ContactDetails("", null, List.of("13812345678", "12345", " "), "x@", null, false)));
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("name", "phones[1]", "phones[2]", "email");
    }
}
