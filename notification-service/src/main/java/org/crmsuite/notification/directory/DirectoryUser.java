package org.crmsuite.notification.directory;

import java.time.ZoneId;

/** What the directory knows of a person; every field but the id may be null (then preferences or defaults apply). */
public record DirectoryUser(String userId, String email, String language, ZoneId zone, String manager) {
}
