package org.crmsuite.ticket.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.crmsuite.ticket.ticket.Priority;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * SLA configuration, checked at start.
 *
 * @param warningShare share of a target after which a warning is raised (0.75: three quarters of the time used)
 * @param calendar     the service desk's working calendar
 * @param targets      default targets per priority
 * @param tierTargets  customer tier (STRATEGIC, KEY, ...) → targets per priority that replace the defaults
 * @param scheduler    how often the SLA scheduler looks for warnings and breaches
 * @param escalation   the escalation chain: level 1 at the breach, further levels at multiples of the resolution target
 */
@Validated
@ConfigurationProperties("crm.ticket.sla")
public record SlaProperties(@DecimalMin("0.05") @DecimalMax("0.95") double warningShare, @NotNull @Valid Calendar calendar,
                            @NotEmpty Map<Priority, @Valid Target> targets, Map<String, Map<Priority, @Valid Target>> tierTargets,
                            @NotNull @Valid Scheduler scheduler, @Valid Escalation escalation) {

    /**
     * @param chain           level 1, 2, ...: {@code share} of the resolution target (1.0 for level 1, the breach; then
     *                        strictly increasing), {@code to} QUEUE_MANAGER | DEPARTMENT_HEAD | USER, {@code user} (the
     *                        recipient for USER, else the fallback when none is found)
     * @param departmentHeads department (Keycloak group path, e.g. {@code /service}) → its head (user id); a department
     *                        without its own head escalates to the nearest one above it. In YAML write the keys in
     *                        brackets ({@code "[/service]": service.director}) so that the slashes are kept.
     */
    public record Escalation(@NotEmpty List<@Valid Level> chain, Map<String, String> departmentHeads) {

        public record Level(@DecimalMin("1.0") double share, @NotNull EscalationChain.Recipient to, String user) {
        }

        public EscalationChain toChain() {
            return new EscalationChain(chain.stream().map(l -> new EscalationChain.Step(l.share(), l.to(), l.user())).toList(),
                    departmentHeads);
        }
    }

    public record Calendar(@NotNull ZoneId timeZone, @NotNull LocalTime opens, @NotNull LocalTime closes,
                           @NotEmpty Set<DayOfWeek> workingDays, List<LocalDate> holidays, List<LocalDate> extraWorkingDays) {

        public BusinessCalendar toCalendar() {
            return new BusinessCalendar(timeZone, opens, closes, workingDays, Set.copyOf(holidays == null ? List.of() : holidays),
                    Set.copyOf(extraWorkingDays == null ? List.of() : extraWorkingDays));
        }
    }

    public record Target(@NotNull Duration firstResponse, @NotNull Duration resolution) {
    }

    public record Scheduler(boolean enabled, @NotNull Duration interval, int batchSize) {
    }

    public SlaProperties {
        tierTargets = tierTargets == null ? Map.of() : tierTargets;
        escalation = escalation == null ? new Escalation(List.of(new Escalation.Level(1.0, EscalationChain.Recipient.QUEUE_MANAGER, null)), Map.of())
                : escalation;
        if (escalation.chain() != null) {
            escalation.toChain(); // checks the order of the levels at start
        }
        for (Priority priority : Priority.values()) {
            if (targets != null && !targets.containsKey(priority)) {
                throw new IllegalArgumentException("crm.ticket.sla.targets has no target for " + priority);
            }
        }
    }

    /** The policy for a priority and a customer tier; a tier without its own targets gets the defaults. */
    public SlaPolicy policy(Priority priority, String tier) {
        Map<Priority, Target> byTier = tier == null ? null : tierTargets.get(tier);
        if (byTier != null && byTier.containsKey(priority)) {
            Target t = byTier.get(priority);
            return new SlaPolicy(priority + "/" + tier, t.firstResponse(), t.resolution());
        }
        Target t = targets.get(priority);
        return new SlaPolicy(priority + "/default", t.firstResponse(), t.resolution());
    }
}
