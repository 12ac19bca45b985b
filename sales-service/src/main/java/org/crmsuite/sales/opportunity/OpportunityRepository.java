package org.crmsuite.sales.opportunity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.criteria.Predicate;

import org.crmsuite.platform.security.CurrentUser;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

public interface OpportunityRepository extends JpaRepository<Opportunity, UUID>, JpaSpecificationExecutor<Opportunity> {

    /** The records (deals, leads) a user may see: their own, and those whose department lies within one of their groups. */
    static <T> Specification<T> visibleTo(CurrentUser user) {
        return (root, query, cb) -> {
            List<Predicate> any = new ArrayList<>();
            any.add(cb.equal(root.get("owner"), user.id()));
            for (String group : user.groups()) {
                String prefix = group.endsWith("/") ? group : group + "/";
                any.add(cb.equal(root.get("department"), group));
                any.add(cb.like(root.get("department"), prefix.replace("%", "\\%").replace("_", "\\_") + "%", '\\'));
            }
            return cb.or(any.toArray(Predicate[]::new));
        };
    }
}
