package org.crmsuite.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, from the Keycloak token: the user id (the {@code preferred_username}, which the realm keeps
 * stable, so records and messages say who in words people recognise), realm roles and groups (departments and
 * teams as paths such as {@code /sales/east}).
 */
public record CurrentUser(String id, String displayName, String email, String locale, Set<String> roles, Set<String> groups) {

    public static final String ROLES_CLAIM_OWNER = "realm_access";
    public static final String GROUPS_CLAIM = "groups";

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... candidates) {
        for (String role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** The department a new record of this user belongs to: the first group, or none. */
    public String primaryDepartment() {
        return groups.stream().sorted().findFirst().orElse(null);
    }

    public static CurrentUser fromJwt(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        String name = jwt.getClaimAsString("name");
        return new CurrentUser(username != null ? username : jwt.getSubject(),
                name != null ? name : username,
                jwt.getClaimAsString("email"),
                jwt.getClaimAsString("locale"),
                realmRoles(jwt),
                groups(jwt));
    }

    public static Set<String> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap(ROLES_CLAIM_OWNER);
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return Set.of();
        }
        return roles.stream().map(Object::toString).collect(Collectors.toUnmodifiableSet());
    }

    public static Set<String> groups(Jwt jwt) {
        List<String> groups = jwt.getClaimAsStringList(GROUPS_CLAIM);
        return groups == null ? Set.of() : Set.copyOf(groups);
    }

    /**
     * The caller's own bearer token, to pass on when this service asks another on the caller's behalf (the other
     * service then applies its own rules to the same person); empty outside an authenticated request.
     */
    public static Optional<String> bearerToken() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? Optional.of(token.getToken().getTokenValue())
                : Optional.empty();
    }

    /** The caller of the current request; fails when there is none (a coding error outside a request). */
    public static CurrentUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromJwt(token.getToken());
        }
        throw new IllegalStateException("no authenticated user in this context");
    }
}
