package org.crmsuite.notification.preference;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A daily quiet period in the user's zone, such as 22:00–07:30 (it may cross midnight). Non-urgent messages wait
 * until it ends.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** When a message planned at {@code now} may go out: now, or the end of the quiet period now falls in. */
    public Instant releaseTime(Instant now, ZoneId zone) {
        if (start.equals(end)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean crossesMidnight = start.isAfter(end);
        if (!crossesMidnight) {
            return !time.isBefore(start) && time.isBefore(end) ? local.with(end).toInstant() : now;
        }
        if (!time.isBefore(start)) {
            return local.plusDays(1).with(end).toInstant();
        }
        if (time.isBefore(end)) {
            return local.with(end).toInstant();
        }
        return now;
    }
}
