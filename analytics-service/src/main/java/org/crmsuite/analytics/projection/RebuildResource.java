package org.crmsuite.analytics.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.Roles;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analytics/admin")
@Tag(name = "Administration")
class RebuildResource {

    private final Projector projector;

    RebuildResource(Projector projector) {
        this.projector = projector;
    }

    record RebuildReport(long events, long millis) {
    }

    @Operation(summary = "Drop every read model and rebuild it from the raw event store",
            description = "crm-admin only. Intake waits while it runs. To replay the Kafka topics instead, see the README (new consumer group).")
    @PostMapping("/rebuild")
    RebuildReport rebuild() {
        if (!CurrentUser.current().hasRole(Roles.CRM_ADMIN)) {
            throw new AccessDeniedException("only crm-admin rebuilds read models");
        }
        long start = System.nanoTime();
        long events = projector.rebuild();
        return new RebuildReport(events, (System.nanoTime() - start) / 1_000_000);
    }
}
