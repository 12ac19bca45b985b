package org.crmsuite.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A demo user of the {@code crm} realm, read from the realm file itself so the list printed at start-up never drifts
 * from what Keycloak imported. Password {@code demo} (dev only).
 */
public record DemoUser(String username, String fullName, List<String> roles, List<String> groups) {

    /** The realm file's people (its service-account users left out), in the file's order. */
    public static List<DemoUser> fromRealm() {
        try (InputStream in = KeycloakNode.class.getResourceAsStream(KeycloakNode.REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(KeycloakNode.REALM_RESOURCE + " is missing from the launcher");
            }
            JsonNode realm = JsonMapper.shared().readTree(in);
            List<DemoUser> users = new ArrayList<>();
            for (JsonNode user : realm.path("users")) {
                if (user.hasNonNull("serviceAccountClientId")) {
                    continue;
                }
                users.add(new DemoUser(user.path("username").asString(),
                        (user.path("firstName").asString("") + " " + user.path("lastName").asString("")).trim(),
                        strings(user.path("realmRoles")), strings(user.path("groups"))));
            }
            return List.copyOf(users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return List.copyOf(values);
    }
}
