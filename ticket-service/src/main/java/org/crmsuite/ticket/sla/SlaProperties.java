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
import jakarta.validation.constraints.NotBlank;
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
 * @param escalation   the second escalation of a ticket still unresolved past a multiple of its resolution target
 */
@Validated
@ConfigurationProperties("crm.ticket.sla")
public record SlaProperties(@DecimalMin("0.05") @DecimalMax("0.95") double warningShare, @NotNull @Valid Calendar calendar,
                            @NotEmpty Map<Priority, @Valid Target> targets, Map<String, Map<Priority, @Valid Target>> tierTargets,
                            @NotNull @Valid Scheduler scheduler, @Valid Escalation escalation) {

    /** @param secondLevelShare multiple of the resolution target (1.5); @param secondLevelTo who hears then (user id) */
    public record Escalation(@DecimalMin("1.05") double secondLevelShare, @NotBlank String secondLevelTo) {
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
        escalation = escalation == null ? new Escalation(1.5, "service.director") : escalation;
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
