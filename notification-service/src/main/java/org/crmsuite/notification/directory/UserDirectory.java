package org.crmsuite.notification.directory;

import java.util.List;
import java.util.Optional;

/** The staff directory as notification-service needs it: a person's address, language, zone and manager; who holds a role; who manages a queue. */
public interface UserDirectory {

    Optional<DirectoryUser> user(String userId);

    List<String> roleMembers(String role);

    List<String> queueManagers(String queue);
}
