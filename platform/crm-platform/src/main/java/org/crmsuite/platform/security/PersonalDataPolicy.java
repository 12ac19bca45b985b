package org.crmsuite.platform.security;

import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may see personal data unmasked: holders of the configured roles ({@code crm.security.personal-data-roles}).
 * Everyone else, analysts and integration clients included, gets it masked. With no authenticated caller (a
 * background job writing a file for nobody) data is masked too.
 */
public final class PersonalDataPolicy {

    public static final Set<String> DEFAULT_ROLES = Set.of(Roles.CRM_ADMIN, Roles.DATA_STEWARD, Roles.SALES_REP,
            Roles.SALES_MANAGER, Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER);

    private static volatile Set<String> allowedRoles = DEFAULT_ROLES;

    /** Set once at start-up from configuration by the platform's auto-configuration. */
    public static void allowRoles(Set<String> roles) {
        allowedRoles = Set.copyOf(roles);
    }

    public static boolean mayCurrentUserSee() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        return authentication.getAuthorities().stream()
                .anyMatch(a -> allowedRoles.stream().anyMatch(role -> Roles.authority(role).equals(a.getAuthority())));
    }

    public static String maskUnlessAllowed(String value, PersonalDataKind kind) {
        if (value == null || value.isEmpty() || mayCurrentUserSee()) {
            return value;
        }
        return kind.mask(value);
    }

    private PersonalDataPolicy() {
    }
}
