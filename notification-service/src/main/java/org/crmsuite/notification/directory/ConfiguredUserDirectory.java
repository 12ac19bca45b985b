package org.crmsuite.notification.directory;

import java.util.List;
import java.util.Optional;

import org.crmsuite.notification.config.NotificationProperties;

/** People from {@code crm.notification.directory.*}: the default, and the fallback when Keycloak cannot answer. */
public class ConfiguredUserDirectory implements UserDirectory {

    private final NotificationProperties.Directory directory;

    public ConfiguredUserDirectory(NotificationProperties.Directory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<DirectoryUser> user(String userId) {
        NotificationProperties.User user = directory.users().get(userId);
        return user == null ? Optional.empty()
                : Optional.of(new DirectoryUser(userId, user.email(), Languages.normalise(user.language()), user.zone(), user.manager()));
    }

    @Override
    public List<String> roleMembers(String role) {
        return directory.roleMembers().getOrDefault(role, List.of());
    }

    @Override
    public List<String> queueManagers(String queue) {
        return directory.managersOf(queue);
    }
}
