package org.crmsuite.sales.forecast;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.sales.money.Money;
import org.crmsuite.sales.opportunity.Opportunity;
import org.crmsuite.sales.opportunity.OpportunityRegistry;
import org.crmsuite.sales.opportunity.OpportunityStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Feeds {@link Forecast} with the deals the caller may see and the quotas of their owners. */
@Service
public class ForecastService {

    /** A forecast row with the owner's quota for the month and currency, and attainment = won / quota. */
    public record Line(Forecast.Row row, Money quota, BigDecimal attainment) {
    }

    private final OpportunityRegistry opportunities;
    private final JdbcClient db;
    private final Clock clock;

    ForecastService(OpportunityRegistry opportunities, JdbcClient db, Clock clock) {
        this.opportunities = opportunities;
        this.db = db;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Line> forecast(YearMonth from, YearMonth to, CurrentUser user) {
        if (to.isBefore(from) || from.plusMonths(24).isBefore(to)) {
            throw CrmProblemException.invalid("to", "must be from 0 to 24 months after from");
        }
        LocalDate first = from.atDay(1);
        LocalDate last = to.atEndOfMonth();
        List<Forecast.Deal> deals = opportunities.visibleInPeriod(user, first, last, clock.instant().atZone(clock.getZone()).getZone()).stream()
                .map(o -> new Forecast.Deal(month(o), o.owner(), o.department(), o.amount(), o.probability(), o.status() == OpportunityStatus.WON))
                .filter(deal -> deal.month() != null && !deal.month().isBefore(from) && !deal.month().isAfter(to))
                .toList();
        Map<String, Money> quotas = new HashMap<>();
        db.sql("SELECT owner_id, month, currency, amount FROM sales_quota WHERE month BETWEEN :from AND :to")
                .param("from", from.toString()).param("to", to.toString())
                .query((rs, n) -> quotas.put(rs.getString("owner_id") + "|" + rs.getString("month") + "|" + rs.getString("currency"),
                        new Money(rs.getBigDecimal("amount"), rs.getString("currency"))))
                .list();
        return Forecast.of(deals).stream().map(row -> {
            Money quota = quotas.get(row.owner() + "|" + row.month() + "|" + row.currency());
            return new Line(row, quota, Forecast.attainment(row.won(), quota));
        }).toList();
    }

    @Transactional
    public void setQuota(String owner, YearMonth month, Money amount, CurrentUser user) {
        if (!user.hasAnyRole(Roles.SALES_MANAGER, Roles.CRM_ADMIN)) {
            throw new AccessDeniedException(user.id() + " may not set quotas");
        }
        db.sql("""
                INSERT INTO sales_quota (owner_id, month, currency, amount, set_by, set_at) VALUES (:owner, :month, :currency, :amount, :by, :at)
                ON CONFLICT (owner_id, month, currency) DO UPDATE SET amount = EXCLUDED.amount, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at""")
                .param("owner", owner).param("month", month.toString()).param("currency", amount.currency()).param("amount", amount.amount())
                .param("by", user.id()).param("at", java.sql.Timestamp.from(Instant.now(clock)))
                .update();
    }

    /** Open deals count in the month they are expected to close, won deals in the month they were won (business zone). */
    private YearMonth month(Opportunity o) {
        if (o.status() == OpportunityStatus.WON) {
            return o.closedAt() == null ? null : YearMonth.from(o.closedAt().atZone(clock.getZone()));
        }
        return o.expectedCloseDate() == null ? null : YearMonth.from(o.expectedCloseDate());
    }
}
