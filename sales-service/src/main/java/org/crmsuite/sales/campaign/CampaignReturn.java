package org.crmsuite.sales.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.crmsuite.sales.money.Money;

/** ROI = (attributed revenue − actual cost) / cost, as a fraction with four places (0.5000 = 50 %), rounded half-even. */
public final class CampaignReturn {

    /** Null when nothing was spent (ROI is undefined); refuses revenue in another currency than the cost. */
    public static BigDecimal roi(Money attributedRevenue, Money cost) {
        if (cost == null || cost.amount().signum() == 0) {
            return null;
        }
        return attributedRevenue.minus(cost).amount().divide(cost.amount(), 4, RoundingMode.HALF_EVEN);
    }

    private CampaignReturn() {
    }
}
