package org.crmsuite.platform.security;

import java.util.Set;

import org.springframework.security.access.AccessDeniedException;

/**
 * Record-level rules shared by every service: a user sees a record they own, or one whose owning department lies
 * within one of their groups (a rep in {@code /sales/east} sees the team's records, a manager in {@code /sales} the
 * whole department's); some roles see everything of a service (given per service, e.g. data stewards for customers).
 */
public final class RecordAccess {

    private final Set<String> rolesThatSeeAll;

    private RecordAccess(Set<String> rolesThatSeeAll) {
        this.rolesThatSeeAll = Set.copyOf(rolesThatSeeAll);
    }

    /** {@code crm-admin} always sees all; add the service's own all-seeing roles. */
    public static RecordAccess seeingAll(String... roles) {
        java.util.HashSet<String> all = new java.util.HashSet<>(Set.of(roles));
        all.add(Roles.CRM_ADMIN);
        return new RecordAccess(all);
    }

    public boolean seesAll(CurrentUser user) {
        return user.roles().stream().anyMatch(rolesThatSeeAll::contains);
    }

    public boolean canSee(CurrentUser user, String owner, String department) {
        if (seesAll(user) || (owner != null && owner.equals(user.id()))) {
            return true;
        }
        return department != null && user.groups().stream().anyMatch(group -> within(department, group));
    }

    public void requireSee(CurrentUser user, String owner, String department) {
        if (!canSee(user, owner, department)) {
            throw new AccessDeniedException("record of " + owner + " in " + department + " is not visible to " + user.id());
        }
    }

    /** True when {@code department} is {@code group} or lies below it ({@code /sales/east} within {@code /sales}). */
    public static boolean within(String department, String group) {
        return department.equals(group) || department.startsWith(group.endsWith("/") ? group : group + "/");
    }
}
