package org.crmsuite.customer.customer;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.criteria.Predicate;

import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.security.RecordAccess;
import org.crmsuite.platform.security.Roles;
import org.springframework.data.jpa.domain.Specification;

/** Who sees which customers: stewards and admins all; everyone else their own and their groups' (departments). */
final class CustomerVisibility {

    static final RecordAccess ACCESS = RecordAccess.seeingAll(Roles.DATA_STEWARD);

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
