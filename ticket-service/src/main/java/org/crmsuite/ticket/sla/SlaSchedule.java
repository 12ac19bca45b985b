package org.crmsuite.ticket.sla;

import org.springframework.scheduling.annotation.Scheduled;

/** Runs the scheduler on a fixed delay in every replica; the claims make the replicas' work add up to exactly once. */
public class SlaSchedule {

    private final SlaScheduler scheduler;

    public SlaSchedule(SlaScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Scheduled(fixedDelayString = "${crm.ticket.sla.scheduler.interval}", initialDelayString = "${crm.ticket.sla.scheduler.interval}")
    void tick() {
        scheduler.runOnce();
    }
}
