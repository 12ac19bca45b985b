package org.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who sees and changes which customers: stewards and admins see all; everyone else their own and their groups'
 * (departments). Analysts and marketing read but never write master data; archiving is for managers, stewards and
 * admins; merging and erasing for stewards and admins.
 */
public final class CustomerVisibility {

    public static final RecordAccess ACCESS = RecordAccess.seeingAll(Roles.DATA_STEWARD);

    static final String[] WRITERS = {Roles.CRM_ADMIN, Roles.DATA_STEWARD, Roles.SALES_REP, Roles.SALES_MANAGER,
            Roles.SERVICE_AGENT, Roles.SERVICE_MANAGER, Roles.INTEGRATION};
    static final String[] ARCHIVERS = {Roles.CRM_ADMIN, Roles.DATA_STEWARD, Roles.SALES_MANAGER, Roles.SERVICE_MANAGER};
    public static final String[] STEWARDS = {Roles.CRM_ADMIN, Roles.DATA_STEWARD};

    public static void requireWriter(CurrentUser user) {
        requireAny(user, WRITERS, "change customer data");
    }

    public static void requireAny(CurrentUser user, String[] roles, String what) {
        if (!user.hasAnyRole(roles)) {
            throw new AccessDeniedException(user.id() + " may not " + what);
        }
    }

    static Specification<Customer> visibleTo(CurrentUser user) {
        if (ACCESS.seesAll(user)) {
            return (root, query, cb) -> cb.conjunction();
        }
        return (root, query, cb) -> {
            List<Predicate> any = new ArrayList<>();
            any.add(cb.equal(root.get("ownerId"), user.id()));
            for (String group : user.groups()) {
                any.add(cb.equal(root.get("department"), group));
                any.add(cb.like(root.get("department"), group + "/%"));
            }
            return cb.or(any.toArray(Predicate[]::new));
        };
    }

    private CustomerVisibility() {
    }
}
