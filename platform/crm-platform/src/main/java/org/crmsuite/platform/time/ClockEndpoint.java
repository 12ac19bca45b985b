package org.crmsuite.platform.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/clock} tells the service's time and offset; {@code POST /actuator/clock {"advanceBy":"PT4H"}}
 * moves it forward. Present only where {@code crm.clock.adjustable=true} (the local stack); admins only.
 */
@Endpoint(id = "clock")
public class ClockEndpoint {

    private final AdjustableClock clock;

    public ClockEndpoint(AdjustableClock clock) {
        this.clock = clock;
    }

    @ReadOperation
    public Map<String, String> now() {
        return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
    }

    @WriteOperation
    public Map<String, String> advance(String advanceBy) {
        Duration by;
        try {
            by = Duration.parse(advanceBy);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("advanceBy must be an ISO-8601 duration such as PT4H or P2D");
        }
        clock.advance(by);
        return now();
    }
}
