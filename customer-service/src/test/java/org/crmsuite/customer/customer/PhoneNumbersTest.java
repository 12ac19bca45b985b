package org.crmsuite.customer.customer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "13812345678|+8613812345678",
            "138 1234 5678|+8613812345678",
            "138-1234-5678|+8613812345678",
            "１３８１２３４５６７８|+8613812345678",
            "+86 138 1234 5678|+8613812345678",
            "8613812345678|+8613812345678",
            "0086 13812345678|+8613812345678",
            "010-12345678|+861012345678",
            "(010) 1234 5678|+861012345678",
            "0571-88886666|+8657188886666",
            "0755 2345678|+867552345678",
            "+86 (0)21 6123 4567|+862161234567",
            "400-123-4567|+864001234567",
            "+44 20 7946 0958|+442079460958",
            "001 212 555 0100|+12125550100"})
    void normalisesToE164(String typed, String e164) {
        assertThat(PhoneNumbers.normalise(typed)).isEqualTo(e164);
        assertThat(PhoneNumbers.problem(typed)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1381234567", "138123456789", "23812345678", "010-123", "abc", "138-1234-567a",
            "+86 12345", "+0 123456789", "phone: 13812345678", "13812345678; DROP TABLE contact", "++8613812345678"})
    void refusesWhatCannotBeAPhone(String typed) {
        assertThat(PhoneNumbers.problem(typed)).startsWith("is not a phone number");
        assertThatThrownBy(() -> PhoneNumbers.normalise(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankIsNoPhone(String typed) {
        assertThat(PhoneNumbers.problem(typed)).isNull();
        assertThat(PhoneNumbers.normalise(typed)).isNull();
    }
}
