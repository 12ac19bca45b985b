package org.crmsuite.sales.forecast;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import org.crmsuite.sales.forecast.Forecast.Deal;
import org.crmsuite.sales.forecast.Forecast.Row;
import org.crmsuite.sales.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForecastTest {

    static final YearMonth DEC = YearMonth.of(2026, 12);
    static final YearMonth JAN = YearMonth.of(2027, 1);

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    @Test
    void weightsEachOpenDealByItsProbabilityAndGroupsByMonthOwnerAndDepartment() {
        List<Row> rows = Forecast.of(List.of(
                new Deal(DEC, "rep", "/sales/east", cny("100000.00"), 50, false),   // 50 000.00
                new Deal(DEC, "rep", "/sales/east", cny("40000.00"), 75, false),    // 30 000.00
                new Deal(DEC, "rep", "/sales/east", cny("10000.00"), 100, true),    // won, not weighted
                new Deal(JAN, "rep", "/sales/east", cny("20000.00"), 10, false),    // 2 000.00
                new Deal(DEC, "rep.west", "/sales/west", cny("3333.33"), 20, false)));// 666.666 → 666.67

        assertThat(rows).hasSize(3);
        Row december = rows.get(0);
        assertThat(december.month()).isEqualTo(DEC);
        assertThat(december.owner()).isEqualTo("rep");
        assertThat(december.openDeals()).isEqualTo(2);
        assertThat(december.pipeline()).isEqualTo(cny("140000.00"));
        assertThat(december.weighted()).isEqualTo(cny("80000.00"));
        assertThat(december.won()).isEqualTo(cny("10000.00"));
        assertThat(rows.get(1).owner()).isEqualTo("rep.west");
        assertThat(rows.get(1).weighted()).isEqualTo(cny("666.67"));
        assertThat(rows.get(2).month()).isEqualTo(JAN);
        assertThat(rows.get(2).weighted()).isEqualTo(cny("2000.00"));
    }

    @Test
    void roundsOnceAfterSummingNotPerDeal() {
        // 3 × (0.05 × 10 %) = 3 × 0.005 = 0.015 → 0.02 (half-even on the sum); rounding each deal first would give 0.00
        List<Row> rows = Forecast.of(List.of(
                new Deal(DEC, "rep", "/sales/east", cny("0.05"), 10, false),
                new Deal(DEC, "rep", "/sales/east", cny("0.05"), 10, false),
                new Deal(DEC, "rep", "/sales/east", cny("0.05"), 10, false)));
        assertThat(rows.getFirst().weighted()).isEqualTo(cny("0.02"));
    }

    @Test
    void neverAddsDifferentCurrencies() {
        List<Row> rows = Forecast.of(List.of(
                new Deal(DEC, "rep", "/sales/east", cny("1000.00"), 50, false),
                new Deal(DEC, "rep", "/sales/east", new Money(new BigDecimal("1000.00"), "USD"), 50, false)));
        assertThat(rows).extracting(Row::currency).containsExactly("CNY", "USD");
        assertThat(rows).extracting(row -> row.weighted().text()).containsExactly("500.00", "500.00");
    }

    @Test
    void attainmentIsWonOverQuota() {
        assertThat(Forecast.attainment(cny("250000.00"), cny("300000.00"))).isEqualByComparingTo("0.8333");
        assertThat(Forecast.attainment(cny("360000.00"), cny("300000.00"))).isEqualByComparingTo("1.2000");
        assertThat(Forecast.attainment(cny("0.00"), cny("300000.00"))).isEqualByComparingTo("0");
        assertThat(Forecast.attainment(cny("10.00"), cny("0.00"))).isNull();
        assertThat(Forecast.attainment(cny("10.00"), null)).isNull();
        assertThatThrownBy(() -> Forecast.attainment(cny("10.00"), new Money(BigDecimal.TEN, "USD"))).isInstanceOf(IllegalArgumentException.class);
    }
}
