package org.crmsuite.sales.money;

import java.math.BigDecimal;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MoneyTest {

    @Test
    void keepsTwoDecimalPlacesAndDefaultsToCny() {
        Money money = Money.of(new BigDecimal("1200.5"), null, "amount", "currency");
        assertThat(money.amount()).isEqualByComparingTo("1200.50");
        assertThat(money.amount().scale()).isEqualTo(2);
        assertThat(money.currency()).isEqualTo("CNY");
        assertThat(money.text()).isEqualTo("1200.50");
        assertThat(Money.of(new BigDecimal("3"), " usd ", "amount", "currency").currency()).isEqualTo("USD");
    }

    @Test
    void refusesNegativeAmountsNamingTheField() {
        CrmProblemException problem = catchThrowableOfType(CrmProblemException.class,
                () -> Money.of(new BigDecimal("-0.01"), "CNY", "budget", "budgetCurrency"));
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("budget");
    }

    @Test
    void refusesUnknownCurrenciesNamingTheField() {
        CrmProblemException problem = catchThrowableOfType(CrmProblemException.class,
                () -> Money.of(new BigDecimal("10"), "XYZ", "amount", "currency"));
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("currency");
        assertThat(catchThrowableOfType(CrmProblemException.class, () -> Money.of(BigDecimal.ONE, "RMB", "amount", "currency"))
                .violations()).extracting(FieldViolation::field).containsExactly("currency");
        assertThat(catchThrowableOfType(CrmProblemException.class, () -> Money.of(BigDecimal.ONE, "yuan", "amount", "currency"))
                .violations()).extracting(FieldViolation::field).containsExactly("currency");
    }

    @Test
    void refusesFractionsOfACent() {
        CrmProblemException problem = catchThrowableOfType(CrmProblemException.class,
                () -> Money.of(new BigDecimal("1.001"), "CNY", "amount", "currency"));
        assertThat(problem.violations()).extracting(FieldViolation::field).containsExactly("amount");
        assertThat(Money.of(new BigDecimal("1.100"), "CNY", "amount", "currency").text()).isEqualTo("1.10");
    }

    @Test
    void addsOnlyTheSameCurrencyAndRoundsHalfEven() {
        Money a = Money.of(new BigDecimal("0.10"), "CNY", "a", "c");
        Money b = Money.of(new BigDecimal("0.20"), "CNY", "b", "c");
        assertThat(a.plus(b).text()).isEqualTo("0.30");
        assertThatThrownBy(() -> a.plus(Money.of(BigDecimal.ONE, "USD", "x", "y"))).isInstanceOf(IllegalArgumentException.class);
        // 10.25 × 0.5 = 5.125 → 5.12 (half-even); 10.35 × 0.5 = 5.175 → 5.18
        assertThat(Money.of(new BigDecimal("10.25"), "CNY", "a", "c").times(new BigDecimal("0.5")).text()).isEqualTo("5.12");
        assertThat(Money.of(new BigDecimal("10.35"), "CNY", "a", "c").times(new BigDecimal("0.5")).text()).isEqualTo("5.18");
    }
}
