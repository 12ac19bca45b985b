package org.crmsuite.sales.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.sales.money.Money;

/**
 * The forecast arithmetic, with no Spring: weighted pipeline = Σ amount × probability / 100 of the open deals, grouped
 * by month of expected close, owner, department and currency (amounts in different currencies are never added); won =
 * Σ amount of the deals won in the month; attainment = won / quota.
 */
public final class Forecast {

    /** One deal as the forecast sees it. {@code month} is the month of expected close (open) or of closing (won). */
    public record Deal(YearMonth month, String owner, String department, Money amount, int probability, boolean won) {
    }

    /** One group of the forecast; {@code weighted} is rounded half-even to cents once, after summing. */
    public record Row(YearMonth month, String owner, String department, String currency, int openDeals, Money pipeline, Money weighted, Money won) {
    }

    private record Key(YearMonth month, String owner, String department, String currency) {
    }

    public static List<Row> of(List<Deal> deals) {
        Map<Key, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<Key, Integer> counts = new LinkedHashMap<>();
        for (Deal deal : deals) {
            if (deal.amount() == null || deal.month() == null) {
                continue;
            }
            Key key = new Key(deal.month(), deal.owner(), deal.department(), deal.amount().currency());
            BigDecimal[] sum = sums.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            if (deal.won()) {
                sum[2] = sum[2].add(deal.amount().amount());
            } else {
                sum[0] = sum[0].add(deal.amount().amount());
                sum[1] = sum[1].add(deal.amount().amount().multiply(BigDecimal.valueOf(deal.probability())));
                counts.merge(key, 1, Integer::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        sums.forEach((key, sum) -> rows.add(new Row(key.month(), key.owner(), key.department(), key.currency(), counts.getOrDefault(key, 0),
                new Money(sum[0], key.currency()),
                new Money(sum[1].divide(BigDecimal.valueOf(100), Money.SCALE, RoundingMode.HALF_EVEN), key.currency()),
                new Money(sum[2], key.currency()))));
        rows.sort(Comparator.comparing(Row::month).thenComparing(Row::owner).thenComparing(Row::currency));
        return rows;
    }

    /**
     * Won / quota as a fraction with four places (0.8333 = 83.33 %), rounded half-even; null when there is no quota or
     * it is zero. Refuses different currencies.
     */
    public static BigDecimal attainment(Money won, Money quota) {
        if (quota == null || quota.amount().signum() == 0) {
            return null;
        }
        if (!won.currency().equals(quota.currency())) {
            throw new IllegalArgumentException("won in " + won.currency() + " cannot be compared with a quota in " + quota.currency());
        }
        return won.amount().divide(quota.amount(), 4, RoundingMode.HALF_EVEN);
    }

    private Forecast() {
    }
}
