package org.crmsuite.sales.campaign;

import java.math.BigDecimal;

import org.crmsuite.sales.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignReturnTest {

    static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    @Test
    void roiIsRevenueMinusCostOverCost() {
        assertThat(CampaignReturn.roi(cny("150000.00"), cny("50000.00"))).isEqualByComparingTo("2.0000");   // (150 000 − 50 000) / 50 000
        assertThat(CampaignReturn.roi(cny("50000.00"), cny("50000.00"))).isEqualByComparingTo("0");        // broke even
        assertThat(CampaignReturn.roi(cny("0.00"), cny("20000.00"))).isEqualByComparingTo("-1.0000");      // nothing won
        assertThat(CampaignReturn.roi(cny("10000.00"), cny("30000.00"))).isEqualByComparingTo("-0.6667");  // −20 000 / 30 000
    }

    @Test
    void undefinedWithoutCostAndNeverAcrossCurrencies() {
        assertThat(CampaignReturn.roi(cny("100.00"), cny("0.00"))).isNull();
        assertThatThrownBy(() -> CampaignReturn.roi(new Money(BigDecimal.TEN, "USD"), cny("5.00"))).isInstanceOf(IllegalArgumentException.class);
    }
}
