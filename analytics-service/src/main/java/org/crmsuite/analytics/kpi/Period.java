package org.crmsuite.analytics.kpi;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A half-open period [from, to) and the business time zone months are cut in. */
public record Period(Instant from, Instant to, ZoneId zone) {

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("period must start before it ends");
        }
    }

    public boolean contains(Instant instant) {
        return instant != null && !instant.isBefore(from) && instant.isBefore(to);
    }

    public String month(Instant instant) {
        return YearMonth.from(instant.atZone(zone)).toString();
    }

    /** The months the period touches, each cut to the period. */
    public List<Named> months() {
        List<Named> months = new ArrayList<>();
        YearMonth month = YearMonth.from(from.atZone(zone));
        while (true) {
            Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
            if (!start.isBefore(to)) {
                break;
            }
            Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            months.add(new Named(month.toString(), new Period(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end, zone)));
            month = month.plusMonths(1);
        }
        return months;
    }

    public record Named(String name, Period period) {
    }
}
