package org.crmsuite.analytics.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.crmsuite.analytics.churn.ChurnModels;
import org.crmsuite.analytics.config.AnalyticsProperties;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Parses a KPI query, loads the read models the caller may see and computes the KPI. */
@Service
public class KpiService {

    /** Roles that read KPIs at all; integration clients do not. */
    static final String[] READERS = {Roles.CRM_ADMIN, Roles.ANALYST, Roles.DATA_STEWARD, Roles.SALES_MANAGER, Roles.SERVICE_MANAGER,
            Roles.SALES_REP, Roles.SERVICE_AGENT, Roles.MARKETING};

    private final FactsMirror mirror;
    private final RecordAccess access;
    private final AnalyticsProperties properties;
    private final Clock clock;
    private final ChurnModels churnModels;

    KpiService(FactsMirror mirror, RecordAccess access, AnalyticsProperties properties, Clock clock, ChurnModels churnModels) {
        this.mirror = mirror;
        this.access = access;
        this.properties = properties;
        this.clock = clock;
        this.churnModels = churnModels;
    }

    public KpiResult compute(CurrentUser user, String kpi, String from, String to, String by) {
        return compute(user, kpi, from, to, by, null);
    }

    /**
     * @param department optional filter: only records of this department or one below it ({@code /sales} takes
     *                   {@code /sales/east}), on top of what the caller may see; with {@code by=month} it gives one
     *                   department over time
     */
    public KpiResult compute(CurrentUser user, String kpi, String from, String to, String by, String department) {
        requireReader(user);
        KpiDefinition definition = KpiCatalog.find(kpi).orElseThrow(() -> CrmProblemException.notFound("KPI", kpi));
        Dimension dimension = Dimension.of(by).filter(definition.dimensions()::contains).orElseThrow(() ->
                CrmProblemException.invalid("by", "unknown dimension '" + by + "' for " + kpi + "; one of "
                        + definition.dimensions().stream().map(Dimension::param).toList()));
        Period period = period(from, to, properties.timeZone(), clock);
        Facts all = facts();
        Facts facts = all;
        String scope = "all";
        if (!access.seesAll(user)) {
            // the same rule as RecordAccess.canSee (the caller does not see all): own records, or a department within
            // a group; departments are few, so each is decided once per query instead of once per record
            java.util.Map<String, Boolean> departments = new java.util.HashMap<>();
            facts = facts.visible((owner, recordDepartment) -> (owner != null && owner.equals(user.id()))
                    || (recordDepartment != null && departments.computeIfAbsent(recordDepartment, d -> access.canSee(user, null, d))));
            scope = "own and " + user.groups().stream().sorted().toList();
        }
        if (department != null && !department.isBlank()) {
            String wanted = department.strip();
            facts = facts.visible((owner, recordDepartment) -> within(recordDepartment, wanted));
            scope = scope + " in " + wanted;
        }
        return new KpiResult(definition.name(), definition.title(), period.from(), period.to(), dimension.param(), scope,
                definition.computation().compute(facts, period, dimension,
                        "churn-risk".equals(definition.name()) ? churnModels.settings(() -> all) : properties.kpiSettings()));
    }

    public List<KpiDefinition> definitions(CurrentUser user) {
        requireReader(user);
        return KpiCatalog.all();
    }

    /** A department lies within another when it is the same or below it in the group path. */
    static boolean within(String department, String filter) {
        if (department == null) {
            return false;
        }
        String parent = filter.endsWith("/") ? filter.substring(0, filter.length() - 1) : filter;
        return department.equals(parent) || department.startsWith(parent + "/");
    }

    static void requireReader(CurrentUser user) {
        if (!user.hasAnyRole(READERS)) {
            throw new AccessDeniedException(user.id() + " does not read KPIs");
        }
    }

    /** The read models, from the in-memory mirror (no database read per query). */
    public Facts facts() {
        return mirror.facts();
    }

    /**
     * {@code from} and {@code to} are dates (in the business time zone, {@code to} exclusive) or instants; the default
     * is the twelve months up to the end of today. A period that does not start before it ends is a 400.
     */
    static Period period(String from, String to, ZoneId zone, Clock clock) {
        List<FieldViolation> violations = new ArrayList<>();
        Instant end = to == null || to.isBlank() ? LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toInstant()
                : instant(to, zone, "to", violations);
        Instant start = from == null || from.isBlank() ? (end == null ? null : end.atZone(zone).minusMonths(12).toInstant())
                : instant(from, zone, "from", violations);
        if (violations.isEmpty() && !start.isBefore(end)) {
            violations.add(new FieldViolation("to", "must be after from (" + from + ")"));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return new Period(start, end, zone);
    }

    private static Instant instant(String value, ZoneId zone, String field, List<FieldViolation> violations) {
        try {
            return value.length() <= 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "must be a date (2026-01-31) or an instant (2026-01-31T00:00:00Z)"));
            return null;
        }
    }
}
